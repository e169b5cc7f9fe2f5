package spatialthinker.scenes.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spatialthinker.scenes.Camera;
import spatialthinker.scenes.Colour;
import spatialthinker.scenes.Kind;
import spatialthinker.scenes.Material;
import spatialthinker.scenes.SizeClass;
import spatialthinker.scenes.Vec3;
import spatialthinker.scenes.world.Light;
import spatialthinker.scenes.world.World;
import spatialthinker.scenes.world.WorldObject;

/** The analytic intersections agree with marching along the ray through the solids. */
class TracerTest {

  static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void analyticHitMatchesRayMarching(Kind kind) {
    SplittableRandom rnd = new SplittableRandom(kind.ordinal() * 7919L + 1);
    WorldObject o =
        new WorldObject(kind, SizeClass.LARGE, Colour.RED, Material.MATTE, 0.3, -0.2, 0, 37, -1);
    World w = world(o);
    Tracer tracer = new Tracer();
    tracer.load(w, new float[256]);
    Solids solid = new Solids(o);
    int hits = 0;
    for (int i = 0; i < 400; i++) {
      // Rays from a sphere around the object towards random points near it.
      Vec3 from = randomUnit(rnd).times(3).plus(new Vec3(0.3, 0.6, -0.2));
      Vec3 to =
          new Vec3(
              0.3 + rnd.nextDouble(-0.5, 0.5),
              rnd.nextDouble(0, 1.3),
              -0.2 + rnd.nextDouble(-0.7, 0.7));
      Vec3 d = to.minus(from).normalized();
      double t = tracer.objectHit(0, from.x(), from.y(), from.z(), d.x(), d.y(), d.z());
      double marched = march(solid, from, d, 6, 1e-3);
      if (Double.isInfinite(marched)) {
        // A ray may graze an edge between two march steps: then the analytic hit, if any, is
        // where the ray barely enters the solid.
        if (t < Double.POSITIVE_INFINITY) {
          Vec3 p = from.plus(d.times(t + 2e-3));
          assertThat(solid.contains(p.x(), p.y(), p.z(), -2e-3)).as(kind + " ray " + i).isTrue();
        }
        continue;
      }
      hits++;
      assertThat(t).as(kind + " ray " + i).isBetween(marched - 1e-3, marched + 1e-9);
    }
    assertThat(hits).isGreaterThan(50);
  }

  @Test
  void normalsPointOutOfTheSolid() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (Kind kind : Kind.values()) {
      WorldObject o =
          new WorldObject(kind, SizeClass.MEDIUM, Colour.RED, Material.MATTE, 0, 0, 0, 200, -1);
      Tracer tracer = new Tracer();
      tracer.load(world(o), new float[256]);
      Solids solid = new Solids(o);
      for (int i = 0; i < 200; i++) {
        Vec3 from = randomUnit(rnd).times(2).plus(new Vec3(0, 0.5, 0));
        Vec3 d = new Vec3(0, 0.4, 0).minus(from).plus(randomUnit(rnd).times(0.2)).normalized();
        double t = tracer.objectHit(0, from.x(), from.y(), from.z(), d.x(), d.y(), d.z());
        if (Double.isInfinite(t)) {
          continue;
        }
        Vec3 p = from.plus(d.times(t));
        int part = tracer.lastHitPart();
        tracer.normal(0, part, p.x(), p.y(), p.z());
        Vec3 n = new Vec3(tracer.nx, tracer.ny, tracer.nz);
        assertThat(n.length()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
        Vec3 out = p.plus(n.times(1e-4));
        Vec3 in = p.minus(n.times(1e-4));
        assertThat(
                solid.contains(out.x(), out.y(), out.z(), 0)
                    && !solid.contains(in.x(), in.y(), in.z(), 0))
            .as(kind + " normal at " + p + " points inwards")
            .isFalse();
      }
    }
  }

  private static double march(Solids s, Vec3 from, Vec3 d, double far, double step) {
    for (double t = 0; t < far; t += step) {
      Vec3 p = from.plus(d.times(t));
      if (s.contains(p.x(), p.y(), p.z(), 0)) {
        return t;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static Vec3 randomUnit(SplittableRandom rnd) {
    Vec3 v;
    do {
      v = new Vec3(rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1));
    } while (v.length() < 0.1 || v.length() > 1);
    return v.normalized();
  }

  static World world(WorldObject... objects) {
    Camera cam = new Camera(new Vec3(0, 3, 5), new Vec3(0, 0.3, 0), 45);
    return new World(
        1,
        List.of(objects),
        cam,
        List.of(new Light(new Vec3(0.3, 0.8, 0.2).normalized(), 0.8)),
        0.3,
        0xB4B4B4);
  }
}
