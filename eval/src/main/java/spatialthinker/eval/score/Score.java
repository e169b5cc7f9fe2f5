package spatialthinker.eval.score;

/**
 * A proportion with its standard error.
 *
 * @param value in [0, 1]
 * @param stderr the standard error, {@code sqrt(p(1-p)/n)} for an accuracy over {@code n} items,
 *     propagated for means of accuracies
 * @param n the number of items (or pairs) behind it
 */
public record Score(double value, double stderr, long n) {

  public Score {
    if (!(value >= 0 && value <= 1) || !(stderr >= 0) || n < 0) {
      throw new IllegalArgumentException("bad score " + value + " ± " + stderr + " over " + n);
    }
  }

  /** {@code correct / n} with its binomial standard error (0 over no items). */
  public static Score accuracy(long correct, long n) {
    if (n == 0) {
      return new Score(0, 0, 0);
    }
    double p = (double) correct / n;
    return new Score(p, Math.sqrt(p * (1 - p) / n), n);
  }

  /** The mean of two independent scores, with the propagated standard error. */
  public static Score mean(Score a, Score b) {
    return new Score(
        (a.value + b.value) / 2,
        Math.sqrt(a.stderr * a.stderr + b.stderr * b.stderr) / 2,
        a.n + b.n);
  }

  /** As a percentage with its error, e.g. {@code 76.1 ± 1.5}. */
  public String percent() {
    return String.format(java.util.Locale.ROOT, "%.1f ± %.1f", 100 * value, 100 * stderr);
  }
}
