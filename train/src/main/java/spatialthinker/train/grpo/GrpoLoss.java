package spatialthinker.train.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

/**
 * The GRPO objective as EasyR1 computes it ({@code compute_policy_loss} with the default loss type,
 * {@code compute_kl} with {@code low_var_kl}, both averaged over all response tokens of the batch):
 * the clipped importance-ratio policy loss with dual clip, plus {@code klCoef} times the
 * low-variance (k3) KL estimate to the reference policy. Checked against a restatement of EasyR1's
 * formulas on random tensors (loss, diagnostics and the gradient; {@code GrpoReferenceTest}).
 */
public final class GrpoLoss {

  /**
   * The loss and its diagnostics, each a mean over response tokens.
   *
   * @param loss the scalar to differentiate
   * @param clipFraction tokens whose loss the ratio clip raised (EasyR1's {@code
   *     pg_clipfrac_higher})
   * @param kl the mean k3 estimate
   * @param policyLoss the policy-gradient part of the loss
   * @param dualClipFraction tokens of negative advantage whose loss the dual clip capped (EasyR1's
   *     {@code pg_clipfrac_lower})
   */
  public record Result(
      NDArray loss, double clipFraction, double kl, double policyLoss, double dualClipFraction) {}

  /** The bound on log-ratios and reference gaps before {@code exp}, as EasyR1. */
  private static final double LOG_BOUND = 20.0;

  /** The bound on each token's k3 estimate, as EasyR1. */
  private static final double KL_BOUND = 10.0;

  private final GrpoConfig config;

  public GrpoLoss(GrpoConfig config) {
    this.config = config;
  }

  /**
   * All arrays share one floating type (float32 in training; float64 works too).
   *
   * @param logp current log-probs {@code [B, R]} (with gradient)
   * @param oldLogp log-probs of the policy that sampled, {@code [B, R]}
   * @param refLogp log-probs of the frozen reference, {@code [B, R]}
   * @param advantages per row, {@code [B, 1]}
   * @param mask 1 for response tokens, {@code [B, R]}
   */
  public Result compute(
      NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray advantages, NDArray mask) {
    NDArray logRatio = logp.sub(oldLogp);
    NDArray ratio = logRatio.clip(-LOG_BOUND, LOG_BOUND).exp();
    NDArray clippedRatio =
        logRatio.clip(Math.log(1 - config.clipLow()), Math.log(1 + config.clipHigh())).exp();
    NDArray negAdv = advantages.neg();
    NDArray pg1 = ratio.mul(negAdv);
    NDArray pg2 = clippedRatio.mul(negAdv);
    NDArray clipped1 = NDArrays.maximum(pg1, pg2);
    NDArray pg3 = negAdv.mul(config.dualClip());
    NDArray clipped2 = NDArrays.minimum(clipped1, pg3);
    NDArray negative = advantages.lt(0).broadcast(pg1.getShape());
    NDArray pg = NDArrays.where(negative, clipped2, clipped1);
    NDArray diff = refLogp.sub(logp).clip(-LOG_BOUND, LOG_BOUND);
    NDArray k3 = diff.exp().sub(diff).sub(1).clip(-KL_BOUND, KL_BOUND);
    NDArray perToken = pg.add(k3.mul(config.klCoef()));
    double tokens = Math.max(1, scalar(mask.sum()));
    // a float divisor keeps the loss in the inputs' type (a double one would promote float32)
    NDArray loss = perToken.mul(mask).sum().div((float) tokens);
    double clipFrac = maskedMean(pg2.gt(pg1), mask, tokens);
    double dualFrac = maskedMean(clipped1.gt(pg3).logicalAnd(negative), mask, tokens);
    double kl = scalar(k3.mul(mask).sum()) / tokens;
    double policy = scalar(pg.mul(mask).sum()) / tokens;
    return new Result(loss, clipFrac, kl, policy, dualFrac);
  }

  private static double maskedMean(NDArray flags, NDArray mask, double tokens) {
    return scalar(flags.toType(mask.getDataType(), false).mul(mask).sum()) / tokens;
  }

  private static double scalar(NDArray a) {
    return a.toType(DataType.FLOAT64, false).getDouble();
  }

  /**
   * Group-normalised advantages: {@code (r - mean) / (std + 1e-6)} within each consecutive group of
   * {@code groupSize} rewards (std is the unbiased sample std, as torch.std).
   */
  public static double[] advantages(double[] rewards, int groupSize) {
    if (rewards.length % groupSize != 0) {
      throw new IllegalArgumentException(
          rewards.length + " rewards do not split into groups of " + groupSize);
    }
    double[] out = new double[rewards.length];
    for (int g = 0; g < rewards.length; g += groupSize) {
      double mean = 0;
      for (int i = 0; i < groupSize; i++) {
        mean += rewards[g + i];
      }
      mean /= groupSize;
      double var = 0;
      for (int i = 0; i < groupSize; i++) {
        var += (rewards[g + i] - mean) * (rewards[g + i] - mean);
      }
      double std = Math.sqrt(var / (groupSize - 1));
      for (int i = 0; i < groupSize; i++) {
        out[g + i] = (rewards[g + i] - mean) / (std + 1e-6);
      }
    }
    return out;
  }
}
