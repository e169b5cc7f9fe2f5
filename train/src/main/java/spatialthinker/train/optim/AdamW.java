package spatialthinker.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import spatialthinker.train.model.Parameters;

/**
 * AdamW (decoupled weight decay on matrices only) with global-norm gradient clipping, written by
 * hand because DJL's optimisers keep their state out of reach of a checkpoint and its gradient
 * clipping clamps values, not the global norm. The moments are saved with the checkpoint.
 */
public final class AdamW implements AutoCloseable {

  /** Hyper-parameters. */
  public record Settings(double beta1, double beta2, double eps, double weightDecay) {
    /** The usual betas (0.9, 0.999), eps 1e-8 and the given weight decay. */
    public static Settings of(double weightDecay) {
      return new Settings(0.9, 0.999, 1e-8, weightDecay);
    }
  }

  private final Settings settings;
  private final Parameters m;
  private final Parameters v;
  private long t;

  /** Zero moments shaped like {@code params}. */
  public AdamW(Parameters params, Settings settings) {
    this.settings = settings;
    this.m = new Parameters(params.manager());
    this.v = new Parameters(params.manager());
    for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
      long[] shape = e.getValue().getShape().getShape();
      m.constant(e.getKey(), 0f, shape);
      v.constant(e.getKey(), 0f, shape);
    }
  }

  /** Updates taken so far. */
  public long steps() {
    return t;
  }

  /**
   * Clips the gradients of {@code params} to global norm {@code maxNorm}, applies one AdamW update
   * with learning rate {@code lr}, and zeroes the gradients.
   *
   * @return the global gradient norm before clipping
   */
  public double step(Parameters params, double lr, double maxNorm) {
    JniUtils.setGradMode(false);
    try (NDManager step = params.manager().newSubManager()) {
      double sq = 0;
      Map<String, NDArray> grads = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
        NDArray g = e.getValue().getGradient();
        g.attach(step);
        grads.put(e.getKey(), g);
        sq += g.square().sum().getFloat();
      }
      double norm = Math.sqrt(sq);
      if (!Double.isFinite(norm)) {
        grads.values().forEach(g -> JniUtils.zeroGrad((PtNDArray) g));
        return norm;
      }
      double scale = clipScale(norm, maxNorm);
      t++;
      double bc1 = 1 - Math.pow(settings.beta1(), t);
      double bc2 = 1 - Math.pow(settings.beta2(), t);
      for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
        String name = e.getKey();
        NDArray p = e.getValue();
        NDArray g = grads.get(name).mul(scale);
        NDArray mm = m.get(name);
        NDArray vv = v.get(name);
        mm.muli(settings.beta1()).addi(g.mul(1 - settings.beta1()));
        vv.muli(settings.beta2()).addi(g.square().muli(1 - settings.beta2()));
        NDArray denom = g.zerosLike().addi(vv).divi(bc2).sqrt().addi(settings.eps());
        NDArray update = g.zerosLike().addi(mm).divi(bc1).divi(denom);
        if (name.endsWith(".w") && settings.weightDecay() > 0) {
          p.muli(1 - lr * settings.weightDecay());
        }
        p.subi(update.muli(lr));
        JniUtils.zeroGrad((PtNDArray) p);
      }
      return norm;
    }
  }

  /**
   * The factor gradients of global norm {@code norm} are scaled by, as {@code
   * torch.nn.utils.clip_grad_norm_}: {@code min(1, maxNorm / (norm + 1e-6))}.
   */
  public static double clipScale(double norm, double maxNorm) {
    return Math.min(1.0, maxNorm / (norm + 1e-6));
  }

  /** Zeroes the gradients of {@code params} without updating. */
  public static void zeroGradients(Parameters params) {
    params.all().values().forEach(p -> JniUtils.zeroGrad((PtNDArray) p));
  }

  /** Writes the moments and step count into {@code dir}. */
  public void save(Path dir) {
    m.save(dir.resolve("adam_m.bin"));
    v.save(dir.resolve("adam_v.bin"));
    try {
      Files.writeString(dir.resolve("adam_step.txt"), Long.toString(t));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write optimiser state in " + dir, e);
    }
  }

  /** Restores moments and step count written by {@link #save}. */
  public void load(Path dir) {
    try (Parameters lm = Parameters.load(dir.resolve("adam_m.bin"), m.manager());
        Parameters lv = Parameters.load(dir.resolve("adam_v.bin"), v.manager())) {
      m.copyFrom(lm);
      v.copyFrom(lv);
      t = Long.parseLong(Files.readString(dir.resolve("adam_step.txt")).strip());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read optimiser state in " + dir, e);
    }
  }

  @Override
  public void close() {
    m.close();
    v.close();
  }
}
