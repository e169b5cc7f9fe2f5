package spatialthinker.scenes.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.Relation;
import spatialthinker.scenes.Camera;
import spatialthinker.scenes.ObjectTruth;
import spatialthinker.scenes.Scene;
import spatialthinker.scenes.SceneGenerator;
import spatialthinker.scenes.SceneTruth;
import spatialthinker.scenes.SpatialPredicate;
import spatialthinker.scenes.Vec3;
import spatialthinker.scenes.world.Footprint;
import spatialthinker.scenes.world.World;
import spatialthinker.scenes.world.WorldObject;

/**
 * The truth written for a scene agrees with its pixels and its geometry, over 300 seeded scenes (in
 * batches of 20, one generator per batch) at 128 pixels.
 */
class GroundTruthIT {

  private static final int SIZE = 128;

  static Stream<Integer> batches() {
    return IntStream.range(0, 15).boxed();
  }

  @Test
  void corpusHasEveryKindStackingTouchingAndFacing() {
    SceneGenerator gen = new SceneGenerator(SIZE);
    Set<String> kinds = new HashSet<>();
    Set<String> predicates = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      Scene s = gen.generate(SceneGenerator.sceneSeed(7L, i), SceneGenerator.imageId(i)).scene();
      s.truth().orElseThrow().objects().forEach(o -> kinds.add(o.shape().word()));
      s.graph().relationships().forEach(r -> predicates.add(r.predicate()));
      assertThat(s.graph().objects()).hasSizeBetween(2, 8);
    }
    assertThat(kinds)
        .containsExactlyInAnyOrder("cube", "sphere", "cylinder", "cone", "chair", "car", "snowman");
    assertThat(predicates)
        .containsExactlyInAnyOrderElementsOf(
            Stream.of(SpatialPredicate.values()).map(SpatialPredicate::text).toList());
  }

  @ParameterizedTest(name = "scenes {0}xx")
  @MethodSource("batches")
  void truthAgreesWithPixelsAndGeometry(int batch) {
    SceneGenerator gen = new SceneGenerator(SIZE);
    int overlaps = 0;
    for (int i = batch * 20; i < batch * 20 + 20; i++) {
      SceneGenerator.Generated g =
          gen.generate(SceneGenerator.sceneSeed(20251107L, i), SceneGenerator.imageId(i));
      Frame frame = gen.render(g.world());
      String where = "scene " + i + " (seed " + g.scene().truth().orElseThrow().seed() + ")";
      for (WorldObject o : g.world().objects()) {
        double[] b = g.world().camera().bounds(o.corners(), SIZE, SIZE).orElseThrow();
        assertThat(b[0] >= 0 && b[1] >= 0 && b[2] <= SIZE && b[3] <= SIZE)
            .as(where + " every object is in frame")
            .isTrue();
      }
      boxesAreTheExtentOfTheirPixels(g, frame, where);
      overlaps += nearestObjectWinsEverySample(g.world(), frame, where);
      depthOrderAgreesWithOcclusion(g, frame, where);
      supportAgreesWithGeometry(g, where);
      noTwoObjectsInterpenetrate(g.world(), new SplittableRandom(i), where);
      relationsAgreeWithTruth(g.scene(), where);
    }
    assertThat(overlaps)
        .as("samples where objects overlap, so the depth test means something")
        .isGreaterThan(100);
  }

  private static void boxesAreTheExtentOfTheirPixels(
      SceneGenerator.Generated g, Frame frame, String where) {
    List<Integer> visible = g.visible();
    for (int j = 0; j < visible.size(); j++) {
      int k = visible.get(j);
      int x1 = Integer.MAX_VALUE;
      int y1 = Integer.MAX_VALUE;
      int x2 = -1;
      int y2 = -1;
      int pixels = 0;
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          if (frame.objectAt(x, y) == k) {
            x1 = Math.min(x1, x);
            y1 = Math.min(y1, y);
            x2 = Math.max(x2, x + 1);
            y2 = Math.max(y2, y + 1);
            pixels++;
          }
        }
      }
      Box box = g.scene().graph().objects().get(j).bbox();
      assertThat(box).as(where + " box of object " + k).isEqualTo(new Box(x1, y1, x2, y2));
      assertThat(pixels).as(where).isGreaterThanOrEqualTo(SceneGenerator.MIN_VISIBLE_PIXELS);
      ObjectTruth t = g.scene().truth().orElseThrow().objects().get(j);
      assertThat(t.visibleFraction())
          .as(where)
          .isGreaterThanOrEqualTo(SceneGenerator.MIN_VISIBLE_FRACTION - 1e-4);
    }
    for (int k = 0; k < g.world().objects().size(); k++) {
      if (!visible.contains(k)) {
        assertThat(
                frame.visibleFraction(k) < SceneGenerator.MIN_VISIBLE_FRACTION
                    || frame.pixelCount(k) < SceneGenerator.MIN_VISIBLE_PIXELS)
            .as(where + " object " + k + " left out although visible")
            .isTrue();
      }
    }
  }

  // Re-traces every 3rd sample against every object (no culling) and checks the visible id.
  private static int nearestObjectWinsEverySample(World world, Frame frame, String where) {
    Tracer ref = new Tracer();
    float[] lut = new float[256];
    ref.load(world, lut);
    Camera cam = world.camera();
    Vec3 f = cam.forward();
    Vec3 r = cam.right();
    Vec3 u = cam.up();
    double tanHalf = StrictMath.tan(Math.toRadians(cam.fov()) / 2);
    Vec3 e = cam.position();
    int overlaps = 0;
    for (int sy = 0; sy < 2 * SIZE; sy++) {
      for (int sx = (sy % 3); sx < 2 * SIZE; sx += 3) {
        double v = (1 - (sy + 0.5) / SIZE) * tanHalf;
        double h = ((sx + 0.5) / SIZE - 1) * tanHalf;
        Vec3 d = f.plus(u.times(v)).plus(r.times(h)).normalized();
        int best = -1;
        double bestT = Double.POSITIVE_INFINITY;
        int hits = 0;
        for (int k = 0; k < world.objects().size(); k++) {
          double t = ref.objectHit(k, e.x(), e.y(), e.z(), d.x(), d.y(), d.z());
          if (t < Double.POSITIVE_INFINITY) {
            hits++;
            if (t < bestT) {
              bestT = t;
              best = k;
            }
          }
        }
        overlaps += hits > 1 ? 1 : 0;
        assertThat(frame.sampleObject(sx, sy))
            .as(where + " sample " + sx + "," + sy)
            .isEqualTo(best);
      }
    }
    return overlaps;
  }

  // An object wholly nearer than another (depths apart by more than both bounding radii) is never
  // hidden behind it.
  private static void depthOrderAgreesWithOcclusion(
      SceneGenerator.Generated g, Frame frame, String where) {
    World w = g.world();
    Camera cam = w.camera();
    int n = w.objects().size();
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        WorldObject oa = w.objects().get(a);
        WorldObject ob = w.objects().get(b);
        double gap = cam.depthOf(ob.centre()) - cam.depthOf(oa.centre());
        if (a != b && gap > oa.boundingRadius() + ob.boundingRadius()) {
          // a is wholly in front: b is never drawn where a is hit, so a's visible share is whole
          // unless something else hides it; enough to check a is never hidden behind b.
          assertThat(hiddenBehind(w, frame, a, b)).as(where + " " + a + " behind " + b).isFalse();
        }
      }
    }
  }

  private static boolean hiddenBehind(World w, Frame frame, int a, int b) {
    Tracer ref = new Tracer();
    ref.load(w, new float[256]);
    Camera cam = w.camera();
    Vec3 e = cam.position();
    double tanHalf = StrictMath.tan(Math.toRadians(cam.fov()) / 2);
    for (int sy = 0; sy < 2 * SIZE; sy += 2) {
      for (int sx = 0; sx < 2 * SIZE; sx += 2) {
        if (frame.sampleObject(sx, sy) != b) {
          continue;
        }
        double v = (1 - (sy + 0.5) / SIZE) * tanHalf;
        double h = ((sx + 0.5) / SIZE - 1) * tanHalf;
        Vec3 d = cam.forward().plus(cam.up().times(v)).plus(cam.right().times(h)).normalized();
        if (ref.objectHit(a, e.x(), e.y(), e.z(), d.x(), d.y(), d.z()) < Double.POSITIVE_INFINITY) {
          return true;
        }
      }
    }
    return false;
  }

  private static void supportAgreesWithGeometry(SceneGenerator.Generated g, String where) {
    World w = g.world();
    SceneTruth truth = g.scene().truth().orElseThrow();
    Map<Integer, String> ids = new HashMap<>();
    for (int j = 0; j < g.visible().size(); j++) {
      ids.put(g.visible().get(j), truth.objects().get(j).id());
    }
    Set<String> onTop = new HashSet<>();
    for (Relation r : g.scene().graph().relationships()) {
      if (r.predicate().equals("on top of")) {
        onTop.add(r.subject() + ">" + r.object());
      }
    }
    for (int k = 0; k < w.objects().size(); k++) {
      WorldObject o = w.objects().get(k);
      Solids solid = new Solids(o);
      if (o.support() < 0) {
        assertThat(solid.bottom())
            .as(where + " object " + k + " rests on the ground")
            .isCloseTo(0, within());
        continue;
      }
      WorldObject s = w.objects().get(o.support());
      assertThat(solid.bottom())
          .as(where + " object " + k + " rests on the top of " + o.support())
          .isCloseTo(new Solids(s).top(), within());
      Footprint top = s.footprint();
      assertThat(top.contains(o.footprint())).as(where + " stands within its support").isTrue();
      if (ids.containsKey(k)) {
        String id = ids.get(k);
        String sid = ids.get(o.support());
        assertThat(sid).as(where + " support of a visible object is listed").isNotNull();
        assertThat(truth.object(id).orElseThrow().supportedBy()).contains(sid);
        assertThat(onTop).as(where).contains(id + ">" + sid);
      }
    }
    for (ObjectTruth t : truth.objects()) {
      for (String pair : onTop) {
        if (pair.startsWith(t.id() + ">")) {
          assertThat(t.supportedBy()).contains(pair.substring(t.id().length() + 1));
        }
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  // Samples points where two objects' bounding boxes overlap; none may be inside both.
  private static void noTwoObjectsInterpenetrate(World w, SplittableRandom rnd, String where) {
    List<WorldObject> objs = w.objects();
    for (int a = 0; a < objs.size(); a++) {
      for (int b = a + 1; b < objs.size(); b++) {
        double[] box = overlap(objs.get(a), objs.get(b));
        if (box == null) {
          continue;
        }
        Solids sa = new Solids(objs.get(a));
        Solids sb = new Solids(objs.get(b));
        for (int i = 0; i < 400; i++) {
          double x = box[0] + rnd.nextDouble() * (box[3] - box[0]);
          double y = box[1] + rnd.nextDouble() * (box[4] - box[1]);
          double z = box[2] + rnd.nextDouble() * (box[5] - box[2]);
          boolean both = sa.contains(x, y, z, 1e-9) && sb.contains(x, y, z, 1e-9);
          assertThat(both)
              .as(where + " objects " + a + " and " + b + " share " + List.of(x, y, z))
              .isFalse();
        }
      }
    }
  }

  private static double[] overlap(WorldObject a, WorldObject b) {
    double[] ba = aabb(a);
    double[] bb = aabb(b);
    double[] o = new double[6];
    for (int i = 0; i < 3; i++) {
      o[i] = Math.max(ba[i], bb[i]);
      o[i + 3] = Math.min(ba[i + 3], bb[i + 3]);
      if (o[i] >= o[i + 3]) {
        return null;
      }
    }
    return o;
  }

  private static double[] aabb(WorldObject o) {
    double[] b = {
      Double.MAX_VALUE,
      Double.MAX_VALUE,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      -Double.MAX_VALUE,
      -Double.MAX_VALUE
    };
    for (Vec3 c : o.corners()) {
      double[] v = c.toArray();
      for (int i = 0; i < 3; i++) {
        b[i] = Math.min(b[i], v[i]);
        b[i + 3] = Math.max(b[i + 3], v[i]);
      }
    }
    return b;
  }

  private static void relationsAgreeWithTruth(Scene scene, String where) {
    SceneTruth truth = scene.truth().orElseThrow();
    Set<String> all = new HashSet<>();
    for (Relation r : scene.graph().relationships()) {
      all.add(r.subject() + "|" + r.predicate() + "|" + r.object());
    }
    List<String> problems = new ArrayList<>();
    for (Relation r : scene.graph().relationships()) {
      SpatialPredicate p = SpatialPredicate.of(r.predicate()).orElseThrow();
      p.inverse()
          .ifPresent(
              inv -> {
                if (!all.contains(r.object() + "|" + inv.text() + "|" + r.subject())) {
                  problems.add("no inverse of " + r);
                }
              });
      ObjectTruth s = truth.object(r.subject()).orElseThrow();
      ObjectTruth o = truth.object(r.object()).orElseThrow();
      Box bs = box(scene, r.subject());
      Box bo = box(scene, r.object());
      boolean ok =
          switch (p) {
            case LEFT_OF -> (bs.x1() + bs.x2()) < (bo.x1() + bo.x2());
            case IN_FRONT_OF -> s.depth() < o.depth();
            case ON_TOP_OF -> s.supportedBy().equals(java.util.Optional.of(o.id()));
            case ABOVE -> s.bottom() >= o.top() - 1e-3;
            case FACING_TOWARDS, FACING_AWAY_FROM -> s.shape().hasFront();
            default -> true;
          };
      if (!ok) {
        problems.add("does not hold: " + r);
      }
    }
    assertThat(problems).as(where).isEmpty();
  }

  private static Box box(Scene scene, String id) {
    return scene.graph().objects().stream()
        .filter(o -> o.id().equals(id))
        .findFirst()
        .orElseThrow()
        .bbox();
  }
}
