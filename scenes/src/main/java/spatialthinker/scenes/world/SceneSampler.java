package spatialthinker.scenes.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import spatialthinker.scenes.Camera;
import spatialthinker.scenes.Colour;
import spatialthinker.scenes.Kind;
import spatialthinker.scenes.Material;
import spatialthinker.scenes.SizeClass;
import spatialthinker.scenes.Vec3;

/**
 * Samples a tabletop scene from a seed: 2 to 8 objects on the ground, some stacked on flat tops,
 * some touching a neighbour, the rest apart; a camera at a random azimuth, elevation and field of
 * view that frames every object; one or two lights.
 *
 * <p>Placement keeps clear margins so relations are unambiguous: free objects stand at least {@link
 * #FREE_GAP} from every other footprint, touching ones within {@link #TOUCH_GAP_MAX}, and a stacked
 * object's footprint lies inside its support's top. Positions are rounded to 1/1000 so the written
 * truth is the rendered geometry. Trigonometry uses {@code StrictMath}: the same seed gives the
 * same world on every JVM.
 */
public final class SceneSampler {

  /** Least distance between footprints of objects placed apart. */
  public static final double FREE_GAP = 0.12;

  /** Most distance between footprints of objects placed touching. */
  public static final double TOUCH_GAP_MAX = 0.005;

  private static final int MAX_STACK_LEVELS = 3;
  private static final double MAX_STACK_HEIGHT = 2.0;
  private static final int[] GROUNDS = {0xB4B4B4, 0xC8BCA6, 0xA9B4BE, 0xD2CCC2, 0x9A9A96};
  private static final Kind[] KINDS = Kind.values();
  private static final double[] KIND_WEIGHTS = {1, 1, 1, 0.8, 0.9, 0.9, 0.9};

  /** Samples the world of {@code seed}. */
  public World sample(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 2 + r.nextInt(7);
    double region = 0.55 + 0.16 * n;
    List<WorldObject> objs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int attempt = 0; attempt < 60; attempt++) {
        WorldObject o = propose(r, objs, region);
        if (o != null) {
          objs.add(o);
          break;
        }
      }
    }
    Camera camera = camera(r, objs);
    List<Light> lights = new ArrayList<>();
    double az = Math.toRadians(r.nextDouble(360));
    lights.add(light(az, 35 + r.nextDouble(30), 0.7 + r.nextDouble(0.2)));
    if (r.nextBoolean()) {
      lights.add(
          light(
              az + Math.PI + Math.toRadians(r.nextDouble(-50, 50)),
              30 + r.nextDouble(30),
              0.15 + r.nextDouble(0.15)));
    }
    double ambient = 0.22 + r.nextDouble(0.1);
    int ground = GROUNDS[r.nextInt(GROUNDS.length)];
    return new World(seed, objs, camera, lights, ambient, ground);
  }

  private static Light light(double azimuth, double elevationDeg, double intensity) {
    double e = Math.toRadians(elevationDeg);
    Vec3 d =
        new Vec3(
            StrictMath.cos(e) * StrictMath.sin(azimuth),
            StrictMath.sin(e),
            StrictMath.cos(e) * StrictMath.cos(azimuth));
    return new Light(d.normalized(), intensity);
  }

  // One placement try: stacked, touching or free; null when it does not fit.
  private WorldObject propose(SplittableRandom r, List<WorldObject> objs, double region) {
    double mode = r.nextDouble();
    if (!objs.isEmpty() && mode < 0.22) {
      return stacked(r, objs);
    }
    WorldObject o = styled(r, kind(r, false));
    if (!objs.isEmpty() && mode < 0.45) {
      return touching(r, objs, o, region);
    }
    double rad = region * Math.sqrt(r.nextDouble());
    double ang = r.nextDouble(2 * Math.PI);
    o = o.at(round(rad * StrictMath.cos(ang)), round(rad * StrictMath.sin(ang)), 0, -1);
    return clear(o, objs, -1) ? o : null;
  }

  private WorldObject stacked(SplittableRandom r, List<WorldObject> objs) {
    List<Integer> supports = new ArrayList<>();
    for (int i = 0; i < objs.size(); i++) {
      WorldObject s = objs.get(i);
      if (s.kind().hasFlatTop() && level(objs, i) < MAX_STACK_LEVELS && !carries(objs, i)) {
        supports.add(i);
      }
    }
    if (supports.isEmpty()) {
      return null;
    }
    int si = supports.get(r.nextInt(supports.size()));
    WorldObject s = objs.get(si);
    WorldObject o = styled(r, kind(r, true));
    if (s.top() + o.height() > MAX_STACK_HEIGHT) {
      return null;
    }
    double slack =
        Math.max(0, Math.min(s.dimensions().x(), s.dimensions().z()) / 2 - o.footprint().radius());
    double dx = r.nextDouble(-1, 1) * slack;
    double dz = r.nextDouble(-1, 1) * slack;
    o = o.at(round(s.x() + dx), round(s.z() + dz), s.top(), si);
    return s.footprint().contains(o.footprint()) ? o : null;
  }

  // Places o against a random object on the ground, along a random direction.
  private WorldObject touching(
      SplittableRandom r, List<WorldObject> objs, WorldObject o, double region) {
    List<Integer> anchors = new ArrayList<>();
    for (int i = 0; i < objs.size(); i++) {
      if (objs.get(i).support() < 0) {
        anchors.add(i);
      }
    }
    int ai = anchors.get(r.nextInt(anchors.size()));
    WorldObject a = objs.get(ai);
    double ang = r.nextDouble(2 * Math.PI);
    double ux = StrictMath.cos(ang);
    double uz = StrictMath.sin(ang);
    // Bisection on the distance between centres: overlapping at lo, apart at hi.
    double lo = 0;
    double hi = a.footprint().radius() + o.footprint().radius() + 0.01;
    for (int it = 0; it < 50; it++) {
      double mid = (lo + hi) / 2;
      if (a.footprint().overlaps(o.at(a.x() + ux * mid, a.z() + uz * mid, 0, -1).footprint())) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    for (double d = hi + 0.002; d < hi + 0.02; d += 0.001) {
      WorldObject c = o.at(round(a.x() + ux * d), round(a.z() + uz * d), 0, -1);
      Footprint f = c.footprint();
      if (a.footprint().overlaps(f)) {
        continue;
      }
      if (a.footprint().gap(f) > TOUCH_GAP_MAX) {
        return null;
      }
      boolean inRegion = StrictMath.hypot(c.x(), c.z()) <= region + 0.6;
      return inRegion && clear(c, objs, ai) ? c : null;
    }
    return null;
  }

  // True when o keeps FREE_GAP from every object on the ground except the one at index skip.
  private static boolean clear(WorldObject o, List<WorldObject> objs, int skip) {
    Footprint f = o.footprint();
    for (int i = 0; i < objs.size(); i++) {
      WorldObject other = objs.get(i);
      if (i != skip && other.support() < 0 && f.gap(other.footprint()) < FREE_GAP) {
        return false;
      }
    }
    return true;
  }

  private static int level(List<WorldObject> objs, int i) {
    int level = 1;
    for (int s = objs.get(i).support(); s >= 0; s = objs.get(s).support()) {
      level++;
    }
    return level;
  }

  private static boolean carries(List<WorldObject> objs, int i) {
    return objs.stream().anyMatch(o -> o.support() == i);
  }

  private static Kind kind(SplittableRandom r, boolean stackable) {
    double total = 0;
    for (int i = 0; i < KINDS.length; i++) {
      total += stackable && !KINDS[i].stackable() ? 0 : KIND_WEIGHTS[i];
    }
    double x = r.nextDouble(total);
    for (int i = 0; i < KINDS.length; i++) {
      double w = stackable && !KINDS[i].stackable() ? 0 : KIND_WEIGHTS[i];
      if (x < w) {
        return KINDS[i];
      }
      x -= w;
    }
    return KINDS[0];
  }

  private static WorldObject styled(SplittableRandom r, Kind kind) {
    SizeClass size = SizeClass.values()[r.nextInt(3)];
    Colour colour = Colour.values()[r.nextInt(Colour.values().length)];
    Material material = r.nextDouble() < 0.3 ? Material.SHINY : Material.MATTE;
    int yaw =
        switch (kind) {
          case SPHERE, CYLINDER, CONE -> 0;
          case CUBE -> r.nextInt(90);
          default -> r.nextInt(360);
        };
    return new WorldObject(kind, size, colour, material, 0, 0, 0, yaw, -1);
  }

  // A camera at a random azimuth, elevation and fov, aimed at the middle of the objects' image
  // and as close as it can be with every object's bounding box in frame.
  private static Camera camera(SplittableRandom r, List<WorldObject> objs) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minZ = Double.POSITIVE_INFINITY;
    double maxZ = Double.NEGATIVE_INFINITY;
    for (WorldObject o : objs) {
      double rad = o.footprint().radius();
      minX = Math.min(minX, o.x() - rad);
      maxX = Math.max(maxX, o.x() + rad);
      minZ = Math.min(minZ, o.z() - rad);
      maxZ = Math.max(maxZ, o.z() + rad);
    }
    Vec3 lookAt = new Vec3(round((minX + maxX) / 2), 0.3, round((minZ + maxZ) / 2));
    double azimuth = Math.toRadians(r.nextDouble(360));
    double elevation = Math.toRadians(22 + r.nextDouble(28));
    double fov = Math.rint((40 + r.nextDouble(15)) * 10) / 10;
    double tanHalf = StrictMath.tan(Math.toRadians(fov) / 2);
    double dist = 0;
    for (int pass = 0; pass < 3; pass++) {
      dist = fit(lookAt, azimuth, elevation, fov, objs);
      // Move the aim to the centre of what the camera sees, then fit the distance again.
      Camera cam = eye(lookAt, dist, azimuth, elevation, fov);
      double[] b = extent(cam, objs);
      double ox = ((b[0] + b[2]) / 2 - 500) / 500 * tanHalf * dist;
      double oy = -((b[1] + b[3]) / 2 - 500) / 500 * tanHalf * dist;
      Vec3 shift = cam.right().times(ox).plus(cam.up().times(oy));
      lookAt =
          new Vec3(
              round(lookAt.x() + shift.x()),
              round(Math.max(0, lookAt.y() + shift.y())),
              round(lookAt.z() + shift.z()));
    }
    dist = fit(lookAt, azimuth, elevation, fov, objs);
    return eye(lookAt, dist * (1 + r.nextDouble(0.12)), azimuth, elevation, fov);
  }

  // The least distance (in steps of 3%) at which every object is in frame.
  private static double fit(
      Vec3 lookAt, double azimuth, double elevation, double fov, List<WorldObject> objs) {
    double dist = 1.0;
    for (int i = 0; i < 200 && !frames(eye(lookAt, dist, azimuth, elevation, fov), objs); i++) {
      dist *= 1.03;
    }
    return dist;
  }

  private static double[] extent(Camera cam, List<WorldObject> objs) {
    double[] e = {1000, 1000, 0, 0};
    for (WorldObject o : objs) {
      cam.bounds(o.corners(), 1000, 1000)
          .ifPresent(
              b -> {
                e[0] = Math.min(e[0], b[0]);
                e[1] = Math.min(e[1], b[1]);
                e[2] = Math.max(e[2], b[2]);
                e[3] = Math.max(e[3], b[3]);
              });
    }
    return e;
  }

  private static Camera eye(
      Vec3 lookAt, double dist, double azimuth, double elevation, double fov) {
    double horizontal = dist * StrictMath.cos(elevation);
    Vec3 eye =
        new Vec3(
            round(lookAt.x() + horizontal * StrictMath.sin(azimuth)),
            round(lookAt.y() + dist * StrictMath.sin(elevation)),
            round(lookAt.z() + horizontal * StrictMath.cos(azimuth)));
    return new Camera(eye, lookAt, fov);
  }

  private static boolean frames(Camera cam, List<WorldObject> objs) {
    for (WorldObject o : objs) {
      var b = cam.bounds(o.corners(), 1000, 1000);
      if (b.isEmpty()) {
        return false;
      }
      double[] v = b.get();
      if (v[0] < 20 || v[1] < 20 || v[2] > 980 || v[3] > 980) {
        return false;
      }
    }
    return true;
  }

  private static double round(double v) {
    return Math.rint(v * 1000) / 1000;
  }
}
