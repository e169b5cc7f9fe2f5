package spatialthinker.train.grpo;

import java.util.Map;

/**
 * The update diagnostics of one rollout batch, averaged over the minibatches actually updated on
 * (each minibatch counts once, as EasyR1 averages its mini-batch metrics).
 */
final class UpdateMeans {

  private double loss;
  private double kl;
  private double clip;
  private double dualClip;
  private double gradNorm;
  private int updates;

  /** Adds one minibatch's update: its loss value, diagnostics and gradient norm. */
  void add(double lossValue, GrpoLoss.Result r, double norm) {
    loss += lossValue;
    kl += r.kl();
    clip += r.clipFraction();
    dualClip += r.dualClipFraction();
    gradNorm += norm;
    updates++;
  }

  /** Minibatches added. */
  int updates() {
    return updates;
  }

  /**
   * Puts {@code loss}, {@code kl}, {@code clip_fraction}, {@code dual_clip_fraction}, {@code
   * grad_norm}.
   */
  void putInto(Map<String, Object> v) {
    if (updates == 0) {
      throw new IllegalStateException("no minibatch was updated on in this rollout batch");
    }
    v.put("loss", loss / updates);
    v.put("kl", kl / updates);
    v.put("clip_fraction", clip / updates);
    v.put("dual_clip_fraction", dualClip / updates);
    v.put("grad_norm", gradNorm / updates);
  }
}
