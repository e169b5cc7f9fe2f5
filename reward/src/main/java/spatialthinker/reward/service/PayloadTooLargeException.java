package spatialthinker.reward.service;

/** A request body longer than the configured limit. */
final class PayloadTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PayloadTooLargeException(long limit) {
    super("body: larger than the limit of " + limit + " bytes");
  }
}
