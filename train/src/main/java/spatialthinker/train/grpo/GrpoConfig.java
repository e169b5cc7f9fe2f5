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
    return toBuilder().steps(n).build();
  }

  /** This configuration with another rollout count. */
  public GrpoConfig withRollouts(int n) {
    return toBuilder().rollouts(n).build();
  }

  /**
   * A builder that names every field; fields without a default must be set (temperature = 1.0;
   * clipLow = 0.2; clipHigh = 0.3; dualClip = 3.0; klCoef = 1e-2; maxGradNorm = 1.0; weightDecay =
   * 0.01).
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.promptsPerStep = promptsPerStep;
    b.rollouts = rollouts;
    b.updateBatches = updateBatches;
    b.temperature = temperature;
    b.clipLow = clipLow;
    b.clipHigh = clipHigh;
    b.dualClip = dualClip;
    b.klCoef = klCoef;
    b.learningRate = learningRate;
    b.maxGradNorm = maxGradNorm;
    b.weightDecay = weightDecay;
    b.steps = steps;
    b.maxNewTokens = maxNewTokens;
    b.evalEvery = evalEvery;
    b.checkpointEvery = checkpointEvery;
    b.valTemperature = valTemperature;
    b.valSamples = valSamples;
    return b;
  }

  /** Named construction of a {@link GrpoConfig}; {@link #build()} validates. */
  public static final class Builder {
    private Integer promptsPerStep;
    private Integer rollouts;
    private Integer updateBatches;
    private Double temperature = 1.0;
    private Double clipLow = 0.2;
    private Double clipHigh = 0.3;
    private Double dualClip = 3.0;
    private Double klCoef = 1e-2;
    private Double learningRate;
    private Double maxGradNorm = 1.0;
    private Double weightDecay = 0.01;
    private Integer steps;
    private Integer maxNewTokens;
    private Integer evalEvery;
    private Integer checkpointEvery;
    private Double valTemperature;
    private Integer valSamples;

    private Builder() {}

    public Builder promptsPerStep(int v) {
      promptsPerStep = v;
      return this;
    }

    public Builder rollouts(int v) {
      rollouts = v;
      return this;
    }

    public Builder updateBatches(int v) {
      updateBatches = v;
      return this;
    }

    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    public Builder clipLow(double v) {
      clipLow = v;
      return this;
    }

    public Builder clipHigh(double v) {
      clipHigh = v;
      return this;
    }

    public Builder dualClip(double v) {
      dualClip = v;
      return this;
    }

    public Builder klCoef(double v) {
      klCoef = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder maxGradNorm(double v) {
      maxGradNorm = v;
      return this;
    }

    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder steps(int v) {
      steps = v;
      return this;
    }

    public Builder maxNewTokens(int v) {
      maxNewTokens = v;
      return this;
    }

    public Builder evalEvery(int v) {
      evalEvery = v;
      return this;
    }

    public Builder checkpointEvery(int v) {
      checkpointEvery = v;
      return this;
    }

    public Builder valTemperature(double v) {
      valTemperature = v;
      return this;
    }

    public Builder valSamples(int v) {
      valSamples = v;
      return this;
    }

    /** The configuration; a field left unset is named in the error. */
    public GrpoConfig build() {
      return new GrpoConfig(
          req(promptsPerStep, "promptsPerStep"),
          req(rollouts, "rollouts"),
          req(updateBatches, "updateBatches"),
          req(temperature, "temperature"),
          req(clipLow, "clipLow"),
          req(clipHigh, "clipHigh"),
          req(dualClip, "dualClip"),
          req(klCoef, "klCoef"),
          req(learningRate, "learningRate"),
          req(maxGradNorm, "maxGradNorm"),
          req(weightDecay, "weightDecay"),
          req(steps, "steps"),
          req(maxNewTokens, "maxNewTokens"),
          req(evalEvery, "evalEvery"),
          req(checkpointEvery, "checkpointEvery"),
          req(valTemperature, "valTemperature"),
          req(valSamples, "valSamples"));
    }

    private static <T> T req(T v, String name) {
      if (v == null) {
        throw new IllegalStateException("GrpoConfig." + name + " is not set");
      }
      return v;
    }
  }
}
