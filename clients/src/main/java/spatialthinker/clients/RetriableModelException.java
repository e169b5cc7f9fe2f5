package spatialthinker.clients;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failure worth retrying: HTTP 408, 409, 425, 429, 5xx or 529, a timeout, a dropped connection,
 * or a reply that is truncated, malformed or empty.
 */
public class RetriableModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final OptionalInt status;
  private final transient Optional<Duration> retryAfter;

  /** A retriable failure with the HTTP status and {@code Retry-After}, where known. */
  public RetriableModelException(
      String message, OptionalInt status, Optional<Duration> retryAfter, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** A retriable failure without a status (a timeout, a broken reply). */
  public RetriableModelException(String message) {
    this(message, OptionalInt.empty(), Optional.empty(), null);
  }

  /** The HTTP status, if the server answered. */
  public OptionalInt status() {
    return status;
  }

  /** How long the server asked us to wait ({@code Retry-After}), if it did. */
  public Optional<Duration> retryAfter() {
    return retryAfter == null ? Optional.empty() : retryAfter;
  }
}
