package spatialthinker.train.sft;

/**
 * Supervised fine-tuning settings.
 *
 * @param batchSize rows per step
 * @param learningRate peak AdamW learning rate (linear warm-up over the first 5% of steps)
 * @param maxSteps the most optimiser steps
 * @param evalEvery steps between validation-loss checks (and checkpoints)
 * @param patience validations without improvement before stopping early
 * @param maxGradNorm global gradient-norm clip
 * @param weightDecay AdamW decoupled weight decay
 */
public record SftConfig(
    int batchSize,
    double learningRate,
    int maxSteps,
    int evalEvery,
    int patience,
    double maxGradNorm,
    double weightDecay) {

  public SftConfig {
    if (batchSize < 1 || maxSteps < 1 || evalEvery < 1 || patience < 1) {
      throw new IllegalArgumentException(
          "sft batchSize, maxSteps, evalEvery and patience must be >= 1");
    }
    if (!(learningRate > 0) || !(maxGradNorm > 0) || weightDecay < 0) {
      throw new IllegalArgumentException("sft learningRate and maxGradNorm must be > 0");
    }
  }

  /** This configuration with another step budget. */
  public SftConfig withMaxSteps(int steps) {
    return new SftConfig(
        batchSize,
        learningRate,
        steps,
        Math.min(evalEvery, steps),
        patience,
        maxGradNorm,
        weightDecay);
  }
}
