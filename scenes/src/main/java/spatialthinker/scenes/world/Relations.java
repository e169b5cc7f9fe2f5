package spatialthinker.scenes.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import spatialthinker.scenes.Camera;
import spatialthinker.scenes.SpatialPredicate;

/**
 * Relations between visible objects, computed from the exact geometry. Only clear cases are kept:
 * each rule has a margin, and pairs inside the margin get no relation on that axis. For every
 * ordered pair (A, B) each predicate that holds is listed, so inverse predicates come in pairs.
 *
 * <ul>
 *   <li>{@code left of} / {@code right of}: by the image boxes; A is left of B when B's box centre
 *       lies right of A's by more than {@link #SIDE_FACTOR} times the sum of the box widths.
 *   <li>{@code in front of} / {@code behind}: by camera-space depth of the centres; the difference
 *       must exceed {@link #DEPTH_FACTOR} times the sum of the footprint radii.
 *   <li>{@code on top of} / {@code under}: A rests directly on B.
 *   <li>{@code above} / {@code below}: A's bottom is at or over B's top and their footprints
 *       overlap seen from above (includes resting on it, and stacks of three).
 *   <li>{@code touching}: both rest on the same surface and their footprints are at most {@link
 *       #TOUCH_GAP} apart.
 *   <li>{@code next to}: same surface, not touching, footprints at most {@link #NEXT_TO_GAP} apart.
 *   <li>{@code facing towards} / {@code facing away from}: A has a front, neither rests on the
 *       other, and the angle between A's front and the ground direction from A's centre to B's is
 *       at most {@link #FACING_ANGLE} degrees, or at least 180 minus it.
 * </ul>
 */
public final class Relations {

  public static final double SIDE_FACTOR = 0.35;
  public static final double DEPTH_FACTOR = 0.5;
  public static final double TOUCH_GAP = 0.01;
  public static final double NEXT_TO_GAP = 0.3;
  public static final double FACING_ANGLE = 30;

  private static final double COS_FACING = StrictMath.cos(Math.toRadians(FACING_ANGLE));

  /** A relation between objects given by their indices in the world. */
  public record Triplet(int subject, SpatialPredicate predicate, int object) {}

  private final World world;
  private final SortedMap<Integer, int[]> boxes;

  private Relations(World world, SortedMap<Integer, int[]> boxes) {
    this.world = world;
    this.boxes = boxes;
  }

  /**
   * The relations among the visible objects, in order of subject, then object (by index), then
   * predicate declaration.
   *
   * @param world the world
   * @param boxes image box {@code [x1, y1, x2, y2]} of each visible object, by its index in the
   *     world
   */
  public static List<Triplet> compute(World world, Map<Integer, int[]> boxes) {
    Relations rel = new Relations(world, new TreeMap<>(boxes));
    List<Triplet> out = new ArrayList<>();
    for (int a : rel.boxes.keySet()) {
      for (int b : rel.boxes.keySet()) {
        if (a == b) {
          continue;
        }
        for (SpatialPredicate p : SpatialPredicate.values()) {
          if (rel.holds(a, p, b)) {
            out.add(new Triplet(a, p, b));
          }
        }
      }
    }
    return out;
  }

  private boolean holds(int a, SpatialPredicate p, int b) {
    WorldObject oa = world.objects().get(a);
    WorldObject ob = world.objects().get(b);
    return switch (p) {
      case LEFT_OF -> side(a, b);
      case RIGHT_OF -> side(b, a);
      case IN_FRONT_OF -> nearer(oa, ob);
      case BEHIND -> nearer(ob, oa);
      case ON_TOP_OF -> oa.support() == b;
      case UNDER -> ob.support() == a;
      case ABOVE -> over(oa, ob);
      case BELOW -> over(ob, oa);
      case TOUCHING -> sameSurface(oa, ob) && gap(oa, ob) <= TOUCH_GAP;
      case NEXT_TO -> sameSurface(oa, ob) && gap(oa, ob) > TOUCH_GAP && gap(oa, ob) <= NEXT_TO_GAP;
      case FACING_TOWARDS -> facingCos(a, b) >= COS_FACING;
      case FACING_AWAY_FROM -> facingCos(a, b) <= -COS_FACING;
    };
  }

  private boolean side(int a, int b) {
    int[] ba = boxes.get(a);
    int[] bb = boxes.get(b);
    double ca = (ba[0] + ba[2]) / 2.0;
    double cb = (bb[0] + bb[2]) / 2.0;
    return cb - ca > SIDE_FACTOR * ((ba[2] - ba[0]) + (bb[2] - bb[0]));
  }

  private boolean nearer(WorldObject a, WorldObject b) {
    Camera cam = world.camera();
    double margin = DEPTH_FACTOR * (a.footprint().radius() + b.footprint().radius());
    return cam.depthOf(b.centre()) - cam.depthOf(a.centre()) > margin;
  }

  private static boolean over(WorldObject a, WorldObject b) {
    return a.baseY() >= b.top() - 1e-9 && a.footprint().overlaps(b.footprint());
  }

  private static boolean sameSurface(WorldObject a, WorldObject b) {
    return a.support() == b.support();
  }

  private static double gap(WorldObject a, WorldObject b) {
    return a.footprint().gap(b.footprint());
  }

  // Cosine of the angle between a's front and the ground direction to b; 0 when not applicable.
  private double facingCos(int a, int b) {
    WorldObject oa = world.objects().get(a);
    WorldObject ob = world.objects().get(b);
    if (!oa.kind().hasFront() || oa.support() == b || ob.support() == a) {
      return 0;
    }
    double dx = ob.x() - oa.x();
    double dz = ob.z() - oa.z();
    double len = StrictMath.hypot(dx, dz);
    if (len < 1e-9) {
      return 0;
    }
    double yaw = oa.yawRadians();
    return (StrictMath.sin(yaw) * dx + StrictMath.cos(yaw) * dz) / len;
  }
}
