package spatialthinker.scenes.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FootprintTest {

  private static Footprint disc(double x, double z, double r) {
    return new Footprint(true, x, z, r, r, 1, 0);
  }

  private static Footprint rect(double x, double z, double hx, double hz, double yawDeg) {
    double a = Math.toRadians(yawDeg);
    return new Footprint(false, x, z, hx, hz, Math.cos(a), Math.sin(a));
  }

  @Test
  void discsTouchingDoNotOverlap() {
    assertThat(disc(0, 0, 1).overlaps(disc(2, 0, 1))).isFalse();
    assertThat(disc(0, 0, 1).gap(disc(2.5, 0, 1))).isCloseTo(0.5, within());
    assertThat(disc(0, 0, 1).overlaps(disc(1.9, 0, 1))).isTrue();
  }

  @Test
  void rotatedSquareReachesFurtherAlongItsDiagonal() {
    Footprint diamond = rect(0, 0, 1, 1, 45);
    assertThat(diamond.overlaps(disc(1.3, 0, 0.1))).isTrue();
    assertThat(rect(0, 0, 1, 1, 0).overlaps(disc(1.3, 0, 0.1))).isFalse();
    assertThat(diamond.gap(rect(3, 0, 1, 1, 45))).isCloseTo(3 - 2 * Math.sqrt(2), within());
  }

  @Test
  void containsNeedsTheWholeInnerShape() {
    Footprint top = rect(0, 0, 0.5, 0.5, 30);
    assertThat(top.contains(disc(0.1, 0, 0.3))).isTrue();
    assertThat(top.contains(disc(0.3, 0, 0.3))).isFalse();
    assertThat(disc(0, 0, 1).contains(rect(0, 0, 0.5, 0.5, 10))).isTrue();
    assertThat(disc(0, 0, 1).contains(rect(0, 0, 0.8, 0.8, 10))).isFalse();
  }

  static LongStream seeds() {
    return LongStream.range(0, 20);
  }

  // Oracle: dense points of one shape never lie inside the other when they do not overlap, and
  // the gap is the least distance found between sampled boundary points.
  @ParameterizedTest
  @MethodSource("seeds")
  void gapAndOverlapAgreeWithSampledPoints(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Footprint a = random(r);
    Footprint b = random(r);
    assertThat(a.gap(b)).isCloseTo(b.gap(a), within());
    assertThat(a.overlaps(b)).isEqualTo(b.overlaps(a));
    double least = Double.POSITIVE_INFINITY;
    boolean inside = false;
    for (int i = 0; i < 4000; i++) {
      double[] p = boundaryPoint(a, r);
      least = Math.min(least, b.pointDistance(p[0], p[1]));
      inside |= b.pointDistance(p[0], p[1]) == 0;
    }
    if (!a.overlaps(b)) {
      assertThat(inside).isFalse();
      assertThat(a.gap(b)).isBetween(least - 0.02, least + 1e-9);
    } else {
      assertThat(a.gap(b)).isZero();
    }
  }

  private static Footprint random(SplittableRandom r) {
    double x = r.nextDouble(-1, 1);
    double z = r.nextDouble(-1, 1);
    return r.nextBoolean()
        ? disc(x, z, r.nextDouble(0.1, 0.6))
        : rect(x, z, r.nextDouble(0.1, 0.6), r.nextDouble(0.1, 0.6), r.nextInt(360));
  }

  private static double[] boundaryPoint(Footprint f, SplittableRandom r) {
    if (f.round()) {
      double a = r.nextDouble(2 * Math.PI);
      return new double[] {f.cx() + f.hx() * Math.cos(a), f.cz() + f.hx() * Math.sin(a)};
    }
    double t = r.nextDouble(-1, 1);
    double lx;
    double lz;
    switch (r.nextInt(4)) {
      case 0 -> {
        lx = f.hx();
        lz = t * f.hz();
      }
      case 1 -> {
        lx = -f.hx();
        lz = t * f.hz();
      }
      case 2 -> {
        lx = t * f.hx();
        lz = f.hz();
      }
      default -> {
        lx = t * f.hx();
        lz = -f.hz();
      }
    }
    return new double[] {
      f.cx() + f.cos() * lx + f.sin() * lz, f.cz() - f.sin() * lx + f.cos() * lz
    };
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
