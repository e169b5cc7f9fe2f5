package spatialthinker.train.metrics;

import java.nio.file.Path;

/** Hooks into a training run: logging, progress, checks. Every method defaults to nothing. */
public interface TrainListener {

  /** After each optimiser (SFT) or rollout (GRPO) step. */
  default void onStep(Metrics metrics) {}

  /** After each validation. */
  default void onValidation(Metrics metrics) {}

  /** After a checkpoint is written. */
  default void onCheckpoint(Path dir, long step) {}
}
