package spatialthinker.data;

import java.util.Objects;

/**
 * Settings of a synthesis run.
 *
 * @param target number of rows wanted
 * @param relationPercent share of relation questions, in [0, 100]
 * @param valSplit share of rows for validation, in [0, 1)
 * @param seed run seed: tie-breaks, the split and the row order
 * @param threads threads that write questions (for an LLM source, concurrent requests)
 * @param teacher how long the teacher responses are
 */
public record SynthOptions(
    int target,
    double relationPercent,
    double valSplit,
    long seed,
    int threads,
    TeacherStyle teacher) {

  /** Settings with full teacher responses. */
  public SynthOptions(int target, double relationPercent, double valSplit, long seed, int threads) {
    this(target, relationPercent, valSplit, seed, threads, TeacherStyle.FULL);
  }

  public SynthOptions {
    Objects.requireNonNull(teacher, "teacher");
    if (target < 1) {
      throw new IllegalArgumentException("--target must be at least 1, got " + target);
    }
    if (!(relationPercent >= 0 && relationPercent <= 100)) {
      throw new IllegalArgumentException(
          "--relation-percent must be in [0, 100], got " + relationPercent);
    }
    if (!(valSplit >= 0 && valSplit < 1)) {
      throw new IllegalArgumentException("--val-split must be in [0, 1), got " + valSplit);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
  }
}
