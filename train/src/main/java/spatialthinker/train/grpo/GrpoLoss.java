package spatialthinker.train.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * The GRPO objective as EasyR1 computes it: the clipped importance-ratio policy loss with dual
 * clip, plus {@code klCoef} times the low-variance (k3) KL estimate to the reference policy,
 * averaged over all response tokens of the batch (token-mean).
 */
public final class GrpoLoss {

  /** The loss and its diagnostics. */
  public record Result(NDArray loss, double clipFraction, double kl, double policyLoss) {}

  private final GrpoConfig config;

  public GrpoLoss(GrpoConfig config) {
    this.config = config;
  }

  /**
   * @param logp current log-probs {@code [B, R]} (with gradient)
   * @param oldLogp log-probs of the policy that sampled, {@code [B, R]}
   * @param refLogp log-probs of the frozen reference, {@code [B, R]}
   * @param advantages per row, {@code [B, 1]}
   * @param mask 1 for response tokens, {@code [B, R]}
   */
  public Result compute(
      NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray advantages, NDArray mask) {
    NDArray ratio = logp.sub(oldLogp).exp();
    NDArray negAdv = advantages.neg();
    NDArray pg1 = ratio.mul(negAdv);
    NDArray pg2 = ratio.clip(1 - config.clipLow(), 1 + config.clipHigh()).mul(negAdv);
    NDArray clipped1 = NDArrays.maximum(pg1, pg2);
    NDArray pg3 = negAdv.mul(config.dualClip());
    NDArray clipped2 = NDArrays.minimum(clipped1, pg3);
    NDArray pg = NDArrays.where(advantages.lt(0).broadcast(pg1.getShape()), clipped2, clipped1);
    NDArray diff = refLogp.sub(logp);
    NDArray k3 = diff.exp().sub(diff).sub(1).clip(-10, 10);
    NDArray perToken = pg.add(k3.mul(config.klCoef()));
    float tokens = Math.max(1f, mask.sum().getFloat());
    NDArray loss = perToken.mul(mask).sum().div(tokens);
    double clipFrac =
        pg2.gt(pg1).toType(mask.getDataType(), false).mul(mask).sum().getFloat() / tokens;
    double kl = k3.mul(mask).sum().getFloat() / tokens;
    double policy = pg.mul(mask).sum().getFloat() / tokens;
    return new Result(loss, clipFrac, kl, policy);
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
