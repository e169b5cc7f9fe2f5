package spatialthinker.reward.service;

/** A request the service cannot read; the message names the field and what is wrong with it. */
final class BadRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message);
  }
}
