package spatialthinker.reward.service;

/** A request answered with a 4xx (or 503 when the service is busy) and a one-line message. */
public final class ClientFaultException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public ClientFaultException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }
}
