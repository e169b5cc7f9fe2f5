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
    return toBuilder().maxSteps(steps).evalEvery(Math.min(evalEvery, steps)).build();
  }

  /** This configuration with another patience (validations without improvement). */
  public SftConfig withPatience(int validations) {
    return toBuilder().patience(validations).build();
  }

  /**
   * A builder that names every field; fields without a default must be set (maxGradNorm = 1.0;
   * weightDecay = 0.01).
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.maxSteps = maxSteps;
    b.evalEvery = evalEvery;
    b.patience = patience;
    b.maxGradNorm = maxGradNorm;
    b.weightDecay = weightDecay;
    return b;
  }

  /** Named construction of a {@link SftConfig}; {@link #build()} validates. */
  public static final class Builder {
    private Integer batchSize;
    private Double learningRate;
    private Integer maxSteps;
    private Integer evalEvery;
    private Integer patience;
    private Double maxGradNorm = 1.0;
    private Double weightDecay = 0.01;

    private Builder() {}

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder maxSteps(int v) {
      maxSteps = v;
      return this;
    }

    public Builder evalEvery(int v) {
      evalEvery = v;
      return this;
    }

    public Builder patience(int v) {
      patience = v;
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

    /** The configuration; a field left unset is named in the error. */
    public SftConfig build() {
      return new SftConfig(
          req(batchSize, "batchSize"),
          req(learningRate, "learningRate"),
          req(maxSteps, "maxSteps"),
          req(evalEvery, "evalEvery"),
          req(patience, "patience"),
          req(maxGradNorm, "maxGradNorm"),
          req(weightDecay, "weightDecay"));
    }

    private static <T> T req(T v, String name) {
      if (v == null) {
        throw new IllegalStateException("SftConfig." + name + " is not set");
      }
      return v;
    }
  }
}
