package spatialthinker.train.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import spatialthinker.train.Preset;

class GrpoLossTest {

  private static final GrpoConfig CONFIG = Preset.TINY.grpo();

  /** The EasyR1 formulas written out per token in doubles: the oracle. */
  private static double[] reference(
      double[] lp, double[] old, double[] ref, double[] adv, double[] mask, int r) {
    double sum = 0;
    double clipped = 0;
    double kl = 0;
    double tokens = 0;
    for (int i = 0; i < lp.length; i++) {
      double a = adv[i / r];
      double ratio = Math.exp(lp[i] - old[i]);
      double pg1 = -a * ratio;
      double pg2 = -a * Math.min(Math.max(ratio, 1 - 0.2), 1 + 0.3);
      double c1 = Math.max(pg1, pg2);
      double c2 = Math.min(c1, -a * 3.0);
      double pg = a < 0 ? c2 : c1;
      double d = ref[i] - lp[i];
      double k3 = Math.min(10, Math.max(-10, Math.exp(d) - d - 1));
      sum += (pg + 0.01 * k3) * mask[i];
      clipped += (pg2 > pg1 ? 1 : 0) * mask[i];
      kl += k3 * mask[i];
      tokens += mask[i];
    }
    return new double[] {sum / tokens, clipped / tokens, kl / tokens};
  }

  @Test
  void matchesThePerTokenReference() {
    int b = 6;
    int r = 5;
    SplittableRandom rnd = new SplittableRandom(4);
    double[] lp = new double[b * r];
    double[] old = new double[b * r];
    double[] ref = new double[b * r];
    double[] mask = new double[b * r];
    double[] adv = new double[b];
    for (int i = 0; i < b * r; i++) {
      lp[i] = -rnd.nextDouble() * 3;
      old[i] = lp[i] + (rnd.nextDouble() - 0.5) * 1.5;
      ref[i] = lp[i] + (rnd.nextDouble() - 0.5);
      mask[i] = i % r < 1 + (i / r) % r ? 1 : 0;
    }
    for (int i = 0; i < b; i++) {
      adv[i] = (rnd.nextDouble() - 0.5) * 4;
    }
    double[] want = reference(lp, old, ref, adv, mask, r);
    try (NDManager m = NDManager.newBaseManager()) {
      GrpoLoss.Result got =
          new GrpoLoss(CONFIG)
              .compute(
                  m.create(toF(lp), new Shape(b, r)),
                  m.create(toF(old), new Shape(b, r)),
                  m.create(toF(ref), new Shape(b, r)),
                  m.create(toF(adv), new Shape(b, 1)),
                  m.create(toF(mask), new Shape(b, r)));
      assertThat((double) got.loss().getFloat()).isCloseTo(want[0], within(1e-4));
      assertThat(got.clipFraction()).isCloseTo(want[1], within(1e-6));
      assertThat(got.kl()).isCloseTo(want[2], within(1e-4));
    }
  }

  @Test
  void advantagesAreGroupNormalised() {
    double[] a = GrpoLoss.advantages(new double[] {1, 0, 0, 0, 0.5, 0.5, 0.5, 0.5}, 4);
    assertThat(a[0]).isCloseTo(1.5, within(1e-5));
    assertThat(a[1]).isCloseTo(-0.5, within(1e-5));
    assertThat(a[4]).isZero();
  }

  private static float[] toF(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
