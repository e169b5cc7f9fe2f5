package spatialthinker.reward;

/**
 * The reward of one record and its components. Format, count and accuracy lie in [0, 1]; spatial
 * and overall are finite and lie in [0, 1] except where the paper's reference leaves that range
 * (inverted or extreme boxes under the unclamped {@code dense} presets). Components a reward does
 * not use (count and spatial for the sparse reward) are 0.
 */
public record RewardScore(
    double overall, double format, double count, double accuracy, double spatial) {

  public static final RewardScore ZERO = new RewardScore(0, 0, 0, 0, 0);

  public RewardScore {
    finite("overall", overall);
    check("format", format);
    check("count", count);
    check("accuracy", accuracy);
    finite("spatial", spatial);
  }

  private static void finite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, got " + v);
    }
  }

  private static void check(String name, double v) {
    if (!(v >= 0.0 && v <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }
  }
}
