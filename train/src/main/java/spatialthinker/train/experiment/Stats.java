package spatialthinker.train.experiment;

import java.util.List;

/** Mean and 95% confidence half-width of a small sample (Student's t, n - 1 degrees of freedom). */
public record Stats(double mean, double halfWidth, int n) {

  private static final double[] T975 = {
    Double.NaN,
    12.706,
    4.303,
    3.182,
    2.776,
    2.571,
    2.447,
    2.365,
    2.306,
    2.262,
    2.228,
    2.201,
    2.179,
    2.160,
    2.145,
    2.131,
    2.120,
    2.110,
    2.101,
    2.093,
    2.086
  };

  /** Statistics of the values; the half-width is NaN for a single value. */
  public static Stats of(List<Double> values) {
    int n = values.size();
    if (n == 0) {
      throw new IllegalArgumentException("no values");
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    if (n == 1) {
      return new Stats(mean, Double.NaN, 1);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double t = n - 1 < T975.length ? T975[n - 1] : 1.96;
    return new Stats(mean, t * sd / Math.sqrt(n), n);
  }

  /** {@code 0.512 ± 0.031}, or the mean alone for one value; scaled by {@code scale}. */
  public String format(double scale, int decimals) {
    String f = "%." + decimals + "f";
    String m = String.format(java.util.Locale.ROOT, f, mean * scale);
    return Double.isNaN(halfWidth)
        ? m
        : m + " ± " + String.format(java.util.Locale.ROOT, f, halfWidth * scale);
  }
}
