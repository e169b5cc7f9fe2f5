package spatialthinker.train.serve;

/** A chat request the policy server cannot answer; the message names the field. */
public final class BadChatRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BadChatRequestException(String message) {
    super(message);
  }
}
