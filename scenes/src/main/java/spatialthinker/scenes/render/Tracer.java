package spatialthinker.scenes.render;

import java.util.List;
import spatialthinker.scenes.Vec3;
import spatialthinker.scenes.world.Light;
import spatialthinker.scenes.world.World;
import spatialthinker.scenes.world.WorldObject;

/**
 * Ray intersection against a loaded world: per object its placement, a bounding sphere and a local
 * bounding box that reject most rays before any part is tested, and the culling of shadow casters.
 * The parts themselves live in a {@link PartTable}. Not thread-safe; one per rendering thread,
 * reused from scene to scene so that tracing allocates nothing.
 */
final class Tracer {

  /** Rays start this far along from their origin, to avoid re-hitting the surface they left. */
  static final double T_MIN = 1e-7;

  private static final double INF = Double.POSITIVE_INFINITY;

  int objectCount;
  // Per object: translation, yaw rotation, world bounding sphere, part range.
  double[] tx = new double[8];
  double[] ty = new double[8];
  double[] tz = new double[8];
  double[] cos = new double[8];
  double[] sin = new double[8];
  double[] bx = new double[8];
  double[] by = new double[8];
  double[] bz = new double[8];
  double[] br = new double[8];
  // Local bounding box: [-halfWidth, halfWidth] x [0, height] x [-halfDepth, halfDepth].
  double[] halfWidth = new double[8];
  double[] height = new double[8];
  double[] halfDepth = new double[8];
  int[] partStart = new int[9];
  // End of each object's shadow-casting parts, which come first in its range.
  int[] castEnd = new int[8];

  /** Every part of the loaded objects; object k owns {@code partStart[k] .. partStart[k+1]}. */
  final PartTable parts = new PartTable();

  // Per light and object: the box on the ground that the object's shadow can fall in.
  double[] shadowBox = new double[2 * 8 * 4];
  int shadowStride = 8 * 4;
  // Per light and object: light direction in the object's frame and its inverses.
  private double[] lightLocal = new double[2 * 8 * 6];
  private int capacity = 8;

  // Results of the last trace.
  int hitObject;
  int hitPart;
  int hitMask;
  double nx;
  double ny;
  double nz;

  private int lastPart;

  /** Loads a world; parts and their colours come from {@link Models}. */
  void load(World world, float[] srgbToLinear) {
    List<WorldObject> objs = world.objects();
    int n = objs.size();
    if (n > 31) {
      throw new IllegalArgumentException("a scene holds at most 31 objects, got " + n);
    }
    ensureObjects(n);
    objectCount = n;
    parts.clear();
    for (int k = 0; k < n; k++) {
      WorldObject o = objs.get(k);
      double yaw = o.yawRadians();
      tx[k] = o.x();
      ty[k] = o.baseY();
      tz[k] = o.z();
      cos[k] = StrictMath.cos(yaw);
      sin[k] = StrictMath.sin(yaw);
      bx[k] = o.x();
      by[k] = o.baseY() + o.height() / 2;
      bz[k] = o.z();
      br[k] = o.boundingRadius() * (1 + 1e-9);
      // A hair larger than the model, so rounding never clips a part that touches the box.
      halfWidth[k] = o.dimensions().x() / 2 + 1e-9;
      height[k] = o.dimensions().y() + 1e-9;
      halfDepth[k] = o.dimensions().z() / 2 + 1e-9;
      partStart[k] = parts.count;
      List<Part> model = Models.parts(o);
      for (Part p : model) {
        if (p.castsShadow()) {
          parts.add(p, srgbToLinear);
        }
      }
      castEnd[k] = parts.count;
      for (Part p : model) {
        if (!p.castsShadow()) {
          parts.add(p, srgbToLinear);
        }
      }
    }
    partStart[n] = parts.count;
    List<Light> lights = world.lights();
    for (int l = 0; l < lights.size(); l++) {
      Vec3 d = lights.get(l).direction();
      for (int k = 0; k < n; k++) {
        // Shadow rays only run along light directions: their local form is fixed per object.
        int i = (l * capacity + k) * 6;
        double ldx = cos[k] * d.x() - sin[k] * d.z();
        double ldz = sin[k] * d.x() + cos[k] * d.z();
        lightLocal[i] = ldx;
        lightLocal[i + 1] = d.y();
        lightLocal[i + 2] = ldz;
        lightLocal[i + 3] = 1 / PartTable.nudge(ldx);
        lightLocal[i + 4] = 1 / PartTable.nudge(d.y());
        lightLocal[i + 5] = 1 / PartTable.nudge(ldz);
        // The object's shadow on the ground lies within the shadow of its bounding box.
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minZ = Double.POSITIVE_INFINITY;
        double maxZ = Double.NEGATIVE_INFINITY;
        for (Vec3 c : objs.get(k).corners()) {
          double t = c.y() / d.y();
          minX = Math.min(minX, c.x() - t * d.x());
          maxX = Math.max(maxX, c.x() - t * d.x());
          minZ = Math.min(minZ, c.z() - t * d.z());
          maxZ = Math.max(maxZ, c.z() - t * d.z());
        }
        int b = l * shadowStride + k * 4;
        shadowBox[b] = minX - 1e-9;
        shadowBox[b + 1] = maxX + 1e-9;
        shadowBox[b + 2] = minZ - 1e-9;
        shadowBox[b + 3] = maxZ + 1e-9;
      }
    }
  }

  private void ensureObjects(int n) {
    if (tx.length >= n) {
      return;
    }
    int cap = Math.max(n, 16);
    tx = new double[cap];
    ty = new double[cap];
    tz = new double[cap];
    cos = new double[cap];
    sin = new double[cap];
    bx = new double[cap];
    by = new double[cap];
    bz = new double[cap];
    br = new double[cap];
    halfWidth = new double[cap];
    height = new double[cap];
    halfDepth = new double[cap];
    partStart = new int[cap + 1];
    castEnd = new int[cap];
    shadowBox = new double[2 * cap * 4];
    shadowStride = cap * 4;
    lightLocal = new double[2 * cap * 6];
    capacity = cap;
  }

  /**
   * Nearest hit among the objects in {@code mask} along a unit ray. Sets {@link #hitObject} (-1
   * when none), {@link #hitPart}, and {@link #hitMask}: every object the ray meets at all, which is
   * what the silhouette counts need. Returns the distance, or infinity.
   */
  double trace(double ox, double oy, double oz, double dx, double dy, double dz, int mask) {
    double best = INF;
    int bestObj = -1;
    int bestPart = -1;
    int hits = 0;
    for (int m = mask; m != 0; m &= m - 1) {
      int k = Integer.numberOfTrailingZeros(m);
      double ocx = ox - bx[k];
      double ocy = oy - by[k];
      double ocz = oz - bz[k];
      double b = ocx * dx + ocy * dy + ocz * dz;
      double c = ocx * ocx + ocy * ocy + ocz * ocz - br[k] * br[k];
      double disc = b * b - c;
      if (disc < 0 || (b > 0 && c > 0)) {
        continue;
      }
      toLocal(k, ox, oy, oz, dx, dy, dz);
      if (-b - Math.sqrt(disc) >= best) {
        // Beyond the nearest hit so far: only whether it is hit at all matters.
        if (anyLocalHit(k, partStart[k + 1])) {
          hits |= 1 << k;
        }
        continue;
      }
      double t = nearestLocalHit(k);
      if (t < INF) {
        hits |= 1 << k;
        if (t < best) {
          best = t;
          bestObj = k;
          bestPart = lastPart;
        }
      }
    }
    hitObject = bestObj;
    hitPart = bestPart;
    hitMask = hits;
    return best;
  }

  /**
   * True when one of the objects in {@code mask} lies between the point and light {@code light}
   * (unit direction l). Points on the ground first test the ground box each shadow can fall in,
   * which rejects most objects with four comparisons.
   */
  boolean occluded(
      double px,
      double py,
      double pz,
      double lx,
      double ly,
      double lz,
      int light,
      int mask,
      boolean ground) {
    int base = light * shadowStride;
    for (int m = mask; m != 0; m &= m - 1) {
      int k = Integer.numberOfTrailingZeros(m);
      if (ground) {
        int i = base + k * 4;
        if (px < shadowBox[i]
            || px > shadowBox[i + 1]
            || pz < shadowBox[i + 2]
            || pz > shadowBox[i + 3]) {
          continue;
        }
      }
      double ocx = bx[k] - px;
      double ocy = by[k] - py;
      double ocz = bz[k] - pz;
      double tc = ocx * lx + ocy * ly + ocz * lz;
      double r = br[k];
      double d2 = ocx * ocx + ocy * ocy + ocz * ocz;
      if (tc < -r || d2 - tc * tc > r * r) {
        continue;
      }
      toLocalLight(k, px, py, pz, light);
      if (anyLocalHit(k, castEnd[k])) {
        return true;
      }
    }
    return false;
  }

  /**
   * The objects whose bounding spheres can block a ray towards light {@code light} from some point
   * of object {@code k}'s bounding sphere. It includes {@code k} itself when it has several parts,
   * which can shadow each other; a single convex part cannot shadow a point that faces the light.
   */
  int casters(int k, double lx, double ly, double lz) {
    int mask = 0;
    for (int j = 0; j < objectCount; j++) {
      double vx = bx[j] - bx[k];
      double vy = by[j] - by[k];
      double vz = bz[j] - bz[k];
      double t = vx * lx + vy * ly + vz * lz;
      double reach = br[j] + br[k];
      double d2 = vx * vx + vy * vy + vz * vz;
      double perp2 = t >= 0 ? d2 - t * t : d2;
      boolean self = j == k;
      if (self ? castEnd[k] - partStart[k] > 1 : perp2 <= reach * reach) {
        mask |= 1 << j;
      }
    }
    return mask;
  }

  /** Objects whose ground shadow box for light {@code light} overlaps the given ground box. */
  int groundCasters(int light, double minX, double maxX, double minZ, double maxZ) {
    int mask = 0;
    int base = light * shadowStride;
    for (int k = 0; k < objectCount; k++) {
      int i = base + k * 4;
      if (shadowBox[i] <= maxX
          && shadowBox[i + 1] >= minX
          && shadowBox[i + 2] <= maxZ
          && shadowBox[i + 3] >= minZ) {
        mask |= 1 << k;
      }
    }
    return mask;
  }

  /** The part of the last {@link #objectHit}, or -1. */
  int lastHitPart() {
    return lastPart;
  }

  /** Nearest hit of object {@code k} along a world ray; sets {@code lastPart}. For checks. */
  double objectHit(int k, double ox, double oy, double oz, double dx, double dy, double dz) {
    toLocal(k, ox, oy, oz, dx, dy, dz);
    return nearestLocalHit(k);
  }

  private void toLocal(int k, double ox, double oy, double oz, double dx, double dy, double dz) {
    double c = cos[k];
    double s = sin[k];
    double rx = ox - tx[k];
    double rz = oz - tz[k];
    parts.lox = c * rx - s * rz;
    parts.loy = oy - ty[k];
    parts.loz = s * rx + c * rz;
    parts.ldx = c * dx - s * dz;
    parts.ldy = dy;
    parts.ldz = s * dx + c * dz;
    parts.ix = 1 / PartTable.nudge(parts.ldx);
    parts.iy = 1 / PartTable.nudge(parts.ldy);
    parts.iz = 1 / PartTable.nudge(parts.ldz);
  }

  private void toLocalLight(int k, double ox, double oy, double oz, int light) {
    double c = cos[k];
    double s = sin[k];
    double rx = ox - tx[k];
    double rz = oz - tz[k];
    parts.lox = c * rx - s * rz;
    parts.loy = oy - ty[k];
    parts.loz = s * rx + c * rz;
    int i = (light * capacity + k) * 6;
    parts.ldx = lightLocal[i];
    parts.ldy = lightLocal[i + 1];
    parts.ldz = lightLocal[i + 2];
    parts.ix = lightLocal[i + 3];
    parts.iy = lightLocal[i + 4];
    parts.iz = lightLocal[i + 5];
  }

  private double nearestLocalHit(int k) {
    if (!inLocalBounds(k)) {
      lastPart = -1;
      return INF;
    }
    double best = INF;
    int bestPart = -1;
    for (int p = partStart[k], end = partStart[k + 1]; p < end; p++) {
      double t = parts.hit(p);
      if (t < best) {
        best = t;
        bestPart = p;
      }
    }
    lastPart = bestPart;
    return best;
  }

  private boolean anyLocalHit(int k, int end) {
    if (!inLocalBounds(k)) {
      return false;
    }
    for (int p = partStart[k]; p < end; p++) {
      if (parts.hit(p) < INF) {
        return true;
      }
    }
    return false;
  }

  // Slab test against the object's local bounding box, which holds all its parts.
  private boolean inLocalBounds(int k) {
    double hw = halfWidth[k];
    double hd = halfDepth[k];
    PartTable r = parts;
    double ta = (-hw - r.lox) * r.ix;
    double tb = (hw - r.lox) * r.ix;
    double t0 = Math.min(ta, tb);
    double t1 = Math.max(ta, tb);
    ta = -r.loy * r.iy;
    tb = (height[k] - r.loy) * r.iy;
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
    ta = (-hd - r.loz) * r.iz;
    tb = (hd - r.loz) * r.iz;
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
    return t0 <= t1 && t1 > T_MIN;
  }

  /** World normal at a world point on part {@code p} of object {@code k}; sets nx, ny, nz. */
  void normal(int k, int p, double px, double py, double pz) {
    double c = cos[k];
    double s = sin[k];
    double rx = px - tx[k];
    double rz = pz - tz[k];
    double x = c * rx - s * rz;
    double y = py - ty[k];
    double z = s * rx + c * rz;
    parts.normalLocal(p, x, y, z);
    double ax = parts.ax;
    double ay = parts.ay;
    double az = parts.az;
    nx = c * ax + s * az;
    ny = ay;
    nz = -s * ax + c * az;
  }
}
