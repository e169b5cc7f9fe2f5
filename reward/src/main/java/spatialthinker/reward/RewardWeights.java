package spatialthinker.reward;

/**
 * Weights of the dense reward's components; the overall reward is their weighted sum. Each weight
 * is in [0, 1] and they sum to at most 1, so the overall reward stays in [0, 1].
 */
public record RewardWeights(double format, double count, double accuracy, double spatial) {

  /** The paper's weights: 0.1 format, 0.2 count, 0.5 accuracy, 0.2 spatial. */
  public static final RewardWeights PAPER = new RewardWeights(0.1, 0.2, 0.5, 0.2);

  public RewardWeights {
    for (double w : new double[] {format, count, accuracy, spatial}) {
      if (!(w >= 0.0 && w <= 1.0)) {
        throw new IllegalArgumentException("reward weights must be in [0, 1], got " + w);
      }
    }
    if (format + count + accuracy + spatial > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "reward weights must sum to at most 1, got " + (format + count + accuracy + spatial));
    }
  }
}
