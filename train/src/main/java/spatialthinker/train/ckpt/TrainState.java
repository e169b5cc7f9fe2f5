package spatialthinker.train.ckpt;

import java.util.Objects;
import spatialthinker.train.data.DataCursor;

/**
 * Where a run stands, saved with each checkpoint. Random choices at step {@code k} come from a
 * generator seeded by {@code (seed, k)}, so the seed and the step are the whole RNG state.
 *
 * @param phase {@code sft} or {@code grpo}
 * @param step steps completed
 * @param cursor the data cursor after the last completed step
 * @param seed the run's seed
 * @param best the best validation value so far (lowest loss for SFT, highest reward for GRPO)
 * @param patienceLeft validations without improvement still allowed (SFT)
 */
public record TrainState(
    String phase, long step, DataCursor cursor, long seed, double best, int patienceLeft) {

  public TrainState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(cursor, "cursor");
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
  }
}
