package spatialthinker.data;

import java.util.Objects;

/**
 * How hard a question is: a level and a rating from 1 to 10, both computed from measured quantities
 * (see {@link #measure}); {@code docs/data.md} gives the formula.
 *
 * @param level easy, medium or hard
 * @param rating 1 (trivial) to 10 (hardest still clear-cut)
 */
public record Difficulty(Level level, int rating) {

  public Difficulty {
    Objects.requireNonNull(level, "level");
    if (rating < 1 || rating > 10) {
      throw new IllegalArgumentException("rating must be in [1, 10], got " + rating);
    }
  }

  /**
   * The difficulty of a question from what was measured for it.
   *
   * <p>{@code d = 0.45 (1 - clarity) + 0.25 (1 - minVisible) + 0.15 clutter + 0.15 steps / 2}, with
   * clutter {@code min(1, (objects - 2) / 6)}; level easy below 0.48, hard from 0.68 (about
   * 40/40/20 over a balanced set, the paper's target); rating {@code 1 + round(9 d)}.
   *
   * @param clarity how far the deciding quantity is past its margin, in [0, 1] (1: far past)
   * @param minVisible the least visible fraction among the objects the question names, in [0, 1]
   * @param objects objects in the scene
   * @param steps reasoning steps beyond reading one fact: 0, 1 or 2
   */
  public static Difficulty measure(double clarity, double minVisible, int objects, int steps) {
    double c = clamp01(clarity);
    double v = clamp01(minVisible);
    double clutter = clamp01((objects - 2) / 6.0);
    double s = Math.max(0, Math.min(2, steps)) / 2.0;
    double d = 0.45 * (1 - c) + 0.25 * (1 - v) + 0.15 * clutter + 0.15 * s;
    Level level = d < 0.48 ? Level.EASY : d < 0.68 ? Level.MEDIUM : Level.HARD;
    int rating = (int) Math.max(1, Math.min(10, 1 + Math.round(9 * d)));
    return new Difficulty(level, rating);
  }

  private static double clamp01(double x) {
    return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
  }
}
