package spatialthinker.reward;

/**
 * The reward of one record and its components, each in [0, 1]. Components a reward does not use
 * (count and spatial for the sparse reward) are 0.
 */
public record RewardScore(
    double overall, double format, double count, double accuracy, double spatial) {

  public static final RewardScore ZERO = new RewardScore(0, 0, 0, 0, 0);

  public RewardScore {
    check("overall", overall);
    check("format", format);
    check("count", count);
    check("accuracy", accuracy);
    check("spatial", spatial);
  }

  private static void check(String name, double v) {
    if (!(v >= 0.0 && v <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }
  }
}
