package spatialthinker.train.metrics;

/** A run whose loss or gradients became NaN or infinite. */
public final class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message) {
    super(message);
  }
}
