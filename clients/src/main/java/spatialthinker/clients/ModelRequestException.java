package spatialthinker.clients;

import java.util.OptionalInt;

/**
 * A request that failed for good: rejected by the server (bad request, authentication, unknown
 * model), or still failing after every retry. The message names the endpoint and, where there is
 * one, the HTTP status; it never holds an API key.
 */
public class ModelRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final OptionalInt status;
  private final int attempts;

  /** A failure after one request. */
  public ModelRequestException(String message, OptionalInt status, Throwable cause) {
    this(message, status, cause, 1);
  }

  /** A failure after {@code attempts} requests. */
  public ModelRequestException(String message, OptionalInt status, Throwable cause, int attempts) {
    super(message, cause);
    this.status = status;
    this.attempts = Math.max(1, attempts);
  }

  /** A failure without an HTTP status. */
  public ModelRequestException(String message) {
    this(message, OptionalInt.empty(), null);
  }

  /** How many requests were made before giving up. */
  public int attempts() {
    return attempts;
  }

  /** The HTTP status of the failed response, if there was one. */
  public OptionalInt status() {
    return status;
  }
}
