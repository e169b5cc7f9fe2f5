package spatialthinker.train.grpo;

/**
 * GRPO settings (EasyR1's algorithm; sizes and learning rate for a small CPU policy).
 *
 * @param promptsPerStep prompts per rollout batch
 * @param rollouts responses sampled per prompt (the group)
 * @param updateBatches optimiser updates per rollout batch (the batch is cut into this many
 *     minibatches of near-equal size)
 * @param temperature sampling temperature of the rollouts
 * @param clipLow ratio clip below 1
 * @param clipHigh ratio clip above 1
 * @param dualClip the dual-clip bound for negative advantages
 * @param klCoef weight of the k3 KL-to-reference term in the loss
 * @param learningRate AdamW learning rate
 * @param maxGradNorm global gradient-norm clip
 * @param weightDecay AdamW decoupled weight decay
 * @param steps rollout batches to train on
 * @param maxNewTokens the longest response sampled
 * @param evalEvery steps between validations
 * @param checkpointEvery steps between checkpoints
 * @param valTemperature sampling temperature of validation (0: greedy)
 * @param valSamples responses per val prompt at validation
 */
public record GrpoConfig(
    int promptsPerStep,
    int rollouts,
    int updateBatches,
    double temperature,
    double clipLow,
    double clipHigh,
    double dualClip,
    double klCoef,
    double learningRate,
    double maxGradNorm,
    double weightDecay,
    int steps,
    int maxNewTokens,
    int evalEvery,
    int checkpointEvery,
    double valTemperature,
    int valSamples) {

  public GrpoConfig {
    if (promptsPerStep < 1 || rollouts < 2 || updateBatches < 1 || steps < 1) {
      throw new IllegalArgumentException(
          "grpo needs promptsPerStep >= 1, rollouts >= 2, updateBatches >= 1, steps >= 1");
    }
    if (updateBatches > promptsPerStep * rollouts) {
      throw new IllegalArgumentException("grpo updateBatches exceeds the rollout batch");
    }
    if (!(temperature > 0) || clipLow <= 0 || clipHigh <= 0 || dualClip <= 1 || klCoef < 0) {
      throw new IllegalArgumentException(
          "grpo needs temperature > 0, clips > 0, dualClip > 1, klCoef >= 0");
    }
    if (!(valTemperature >= 0) || valSamples < 1) {
      throw new IllegalArgumentException("grpo needs valTemperature >= 0 and valSamples >= 1");
    }
    if (!(learningRate > 0) || maxNewTokens < 1 || evalEvery < 1 || checkpointEvery < 1) {
      throw new IllegalArgumentException(
          "grpo needs learningRate > 0 and maxNewTokens, evalEvery, checkpointEvery >= 1");
    }
  }

  /** This configuration with another number of steps. */
  public GrpoConfig withSteps(int n) {
    return new GrpoConfig(
        promptsPerStep,
        rollouts,
        updateBatches,
        temperature,
        clipLow,
        clipHigh,
        dualClip,
        klCoef,
        learningRate,
        maxGradNorm,
        weightDecay,
        n,
        maxNewTokens,
        evalEvery,
        checkpointEvery,
        valTemperature,
        valSamples);
  }

  /** This configuration with another rollout count. */
  public GrpoConfig withRollouts(int n) {
    return new GrpoConfig(
        promptsPerStep,
        n,
        updateBatches,
        temperature,
        clipLow,
        clipHigh,
        dualClip,
        klCoef,
        learningRate,
        maxGradNorm,
        weightDecay,
        steps,
        maxNewTokens,
        evalEvery,
        checkpointEvery,
        valTemperature,
        valSamples);
  }
}
