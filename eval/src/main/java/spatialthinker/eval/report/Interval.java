package spatialthinker.eval.report;

/**
 * A 95% confidence interval of a proportion.
 *
 * @param lower lower bound in [0, 1]
 * @param upper upper bound in [lower, 1]
 */
public record Interval(double lower, double upper) {

  private static final double Z = 1.959963984540054;

  public Interval {
    if (!(lower >= 0 && lower <= upper && upper <= 1)) {
      throw new IllegalArgumentException(
          "interval must satisfy 0 <= lower <= upper <= 1, got [" + lower + ", " + upper + "]");
    }
  }

  /**
   * The Wilson score interval of {@code correct} out of {@code n}; [0, 1] for no items. Wilson
   * rather than p ± 1.96·SE because evaluation splits here are small and accuracies near 0 or 1,
   * where the normal interval leaves [0, 1] or collapses to a point.
   */
  public static Interval wilson(long correct, long n) {
    if (n < 0 || correct < 0 || correct > n) {
      throw new IllegalArgumentException("need 0 <= correct <= n, got " + correct + " of " + n);
    }
    if (n == 0) {
      return new Interval(0, 1);
    }
    double p = (double) correct / n;
    double z2 = Z * Z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denom;
    double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    // The bounds at 0 and n are exactly 0 and 1; rounding would leave them a hair inside.
    double lower = correct == 0 ? 0 : Math.max(0, centre - half);
    double upper = correct == n ? 1 : Math.min(1, centre + half);
    return new Interval(lower, upper);
  }

  /** As percentages, e.g. {@code [48.1, 75.0]}. */
  public String percent() {
    return String.format(java.util.Locale.ROOT, "[%.1f, %.1f]", 100 * lower, 100 * upper);
  }
}
