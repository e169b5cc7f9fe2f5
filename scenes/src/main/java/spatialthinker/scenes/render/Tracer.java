package spatialthinker.scenes.render;

import java.util.List;
import spatialthinker.scenes.Vec3;
import spatialthinker.scenes.world.Light;
import spatialthinker.scenes.world.World;
import spatialthinker.scenes.world.WorldObject;

/**
 * Ray intersection against a loaded world: objects as flat arrays of parts in their local frames,
 * each object behind a bounding sphere. Not thread-safe; one per rendering thread, reused from
 * scene to scene so that tracing allocates nothing.
 */
final class Tracer {

  /** Rays start this far along from their origin, to avoid re-hitting the surface they left. */
  static final double T_MIN = 1e-7;

  private static final int STRIDE = 6;
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

  int partCount;
  int[] type = new int[64];
  double[] prm = new double[64 * STRIDE];
  float[] albedo = new float[64 * 3]; // linear RGB
  boolean[] emissive = new boolean[64];
  boolean[] glossy = new boolean[64];

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
    partCount = 0;
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
      partStart[k] = partCount;
      List<Part> parts = Models.parts(o);
      for (Part p : parts) {
        if (p.castsShadow()) {
          addPart(p, srgbToLinear);
        }
      }
      castEnd[k] = partCount;
      for (Part p : parts) {
        if (!p.castsShadow()) {
          addPart(p, srgbToLinear);
        }
      }
    }
    partStart[n] = partCount;
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
        lightLocal[i + 3] = 1 / nudge(ldx);
        lightLocal[i + 4] = 1 / nudge(d.y());
        lightLocal[i + 5] = 1 / nudge(ldz);
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

  private void addPart(Part p, float[] srgbToLinear) {
    if (partCount == type.length) {
      int cap = partCount * 2;
      type = java.util.Arrays.copyOf(type, cap);
      prm = java.util.Arrays.copyOf(prm, cap * STRIDE);
      albedo = java.util.Arrays.copyOf(albedo, cap * 3);
      emissive = java.util.Arrays.copyOf(emissive, cap);
      glossy = java.util.Arrays.copyOf(glossy, cap);
    }
    int i = partCount++;
    type[i] = p.type();
    double[] v = p.p();
    System.arraycopy(v, 0, prm, i * STRIDE, v.length);
    albedo[i * 3] = srgbToLinear[p.rgb() >> 16 & 255];
    albedo[i * 3 + 1] = srgbToLinear[p.rgb() >> 8 & 255];
    albedo[i * 3 + 2] = srgbToLinear[p.rgb() & 255];
    emissive[i] = p.emissive();
    glossy[i] = p.glossy();
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

  /** Nearest hit of object {@code k} along a world ray; sets {@code lastPart}. For checks. */
  double objectHit(int k, double ox, double oy, double oz, double dx, double dy, double dz) {
    toLocal(k, ox, oy, oz, dx, dy, dz);
    return nearestLocalHit(k);
  }

  // The ray in object k's local frame, with inverse directions for the slab tests. Directions
  // too close to 0 are nudged to +-1e-12 before inverting, so the slab arithmetic stays finite.
  private double lox;
  private double loy;
  private double loz;
  private double ldx;
  private double ldy;
  private double ldz;
  private double ix;
  private double iy;
  private double iz;

  private void toLocal(int k, double ox, double oy, double oz, double dx, double dy, double dz) {
    double c = cos[k];
    double s = sin[k];
    double rx = ox - tx[k];
    double rz = oz - tz[k];
    lox = c * rx - s * rz;
    loy = oy - ty[k];
    loz = s * rx + c * rz;
    ldx = c * dx - s * dz;
    ldy = dy;
    ldz = s * dx + c * dz;
    ix = 1 / nudge(ldx);
    iy = 1 / nudge(ldy);
    iz = 1 / nudge(ldz);
  }

  private void toLocalLight(int k, double ox, double oy, double oz, int light) {
    double c = cos[k];
    double s = sin[k];
    double rx = ox - tx[k];
    double rz = oz - tz[k];
    lox = c * rx - s * rz;
    loy = oy - ty[k];
    loz = s * rx + c * rz;
    int i = (light * capacity + k) * 6;
    ldx = lightLocal[i];
    ldy = lightLocal[i + 1];
    ldz = lightLocal[i + 2];
    ix = lightLocal[i + 3];
    iy = lightLocal[i + 4];
    iz = lightLocal[i + 5];
  }

  private static double nudge(double d) {
    return d >= 1e-12 || d <= -1e-12 ? d : d >= 0 ? 1e-12 : -1e-12;
  }

  private double nearestLocalHit(int k) {
    if (!inLocalBounds(k)) {
      lastPart = -1;
      return INF;
    }
    double best = INF;
    int bestPart = -1;
    for (int p = partStart[k], end = partStart[k + 1]; p < end; p++) {
      double t = partHit(p);
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
      if (partHit(p) < INF) {
        return true;
      }
    }
    return false;
  }

  // Slab test against the object's local bounding box, which holds all its parts.
  private boolean inLocalBounds(int k) {
    double hw = halfWidth[k];
    double hd = halfDepth[k];
    double ta = (-hw - lox) * ix;
    double tb = (hw - lox) * ix;
    double t0 = Math.min(ta, tb);
    double t1 = Math.max(ta, tb);
    ta = -loy * iy;
    tb = (height[k] - loy) * iy;
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
    ta = (-hd - loz) * iz;
    tb = (hd - loz) * iz;
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
    return t0 <= t1 && t1 > T_MIN;
  }

  // Distance to part p along the local ray, or infinity.
  private double partHit(int p) {
    int o = p * STRIDE;
    return switch (type[p]) {
      case Part.BOX -> box(o);
      case Part.SPHERE -> sphere(o, lox, loy, loz, ldx, ldy, ldz);
      case Part.CYL_Y -> cylinder(o, lox, loz, loy, ldx, ldz, ldy);
      case Part.CYL_X -> cylinder(o, loy, loz, lox, ldy, ldz, ldx);
      case Part.CONE_Y -> cone(o, lox, loz, loy, ldx, ldz, ldy);
      default -> cone(o, lox, loy, loz, ldx, ldy, ldz);
    };
  }

  private double box(int o) {
    double ta = (prm[o] - lox) * ix;
    double tb = (prm[o + 3] - lox) * ix;
    double t0 = Math.min(ta, tb);
    double t1 = Math.max(ta, tb);
    ta = (prm[o + 1] - loy) * iy;
    tb = (prm[o + 4] - loy) * iy;
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
    ta = (prm[o + 2] - loz) * iz;
    tb = (prm[o + 5] - loz) * iz;
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
    return t0 <= t1 && t0 > T_MIN ? t0 : INF;
  }

  private double sphere(int o, double ox, double oy, double oz, double dx, double dy, double dz) {
    double ocx = ox - prm[o];
    double ocy = oy - prm[o + 1];
    double ocz = oz - prm[o + 2];
    double r = prm[o + 3];
    double b = ocx * dx + ocy * dy + ocz * dz;
    double c = ocx * ocx + ocy * ocy + ocz * ocz - r * r;
    double disc = b * b - c;
    if (disc < 0) {
      return INF;
    }
    double t = -b - Math.sqrt(disc);
    return t > T_MIN ? t : INF;
  }

  // Capped cylinder along axis a; (u, v) are the other two coordinates.
  private double cylinder(int o, double ou, double ov, double oa, double du, double dv, double da) {
    double cu = ou - prm[o];
    double cv = ov - prm[o + 1];
    double r = prm[o + 2];
    double a0 = prm[o + 3];
    double a1 = prm[o + 4];
    double best = INF;
    double qa = du * du + dv * dv;
    if (qa > 1e-18) {
      double qb = cu * du + cv * dv;
      double qc = cu * cu + cv * cv - r * r;
      double disc = qb * qb - qa * qc;
      if (disc >= 0) {
        double t = (-qb - Math.sqrt(disc)) / qa;
        double a = oa + t * da;
        if (t > T_MIN && a >= a0 && a <= a1) {
          best = t;
        }
      }
    }
    if (da > 1e-15 || da < -1e-15) {
      best = cap(cu, cv, oa, du, dv, da, a0, r, best);
      best = cap(cu, cv, oa, du, dv, da, a1, r, best);
    }
    return best;
  }

  // Cone along axis a with base radius r at a0 and apex at a1.
  private double cone(int o, double ou, double ov, double oa, double du, double dv, double da) {
    double cu = ou - prm[o];
    double cv = ov - prm[o + 1];
    double r = prm[o + 2];
    double a0 = prm[o + 3];
    double a1 = prm[o + 4];
    double k = r / (a1 - a0);
    double k2 = k * k;
    double w = a1 - oa;
    double qa = du * du + dv * dv - k2 * da * da;
    double qb = cu * du + cv * dv + k2 * w * da;
    double qc = cu * cu + cv * cv - k2 * w * w;
    double best = INF;
    if (qa > 1e-15 || qa < -1e-15) {
      double disc = qb * qb - qa * qc;
      if (disc >= 0) {
        double sq = Math.sqrt(disc);
        double t1 = (-qb - sq) / qa;
        double t2 = (-qb + sq) / qa;
        best = coneRoot(t1, oa, da, a0, a1, best);
        best = coneRoot(t2, oa, da, a0, a1, best);
      }
    } else if (qb != 0) {
      best = coneRoot(-qc / (2 * qb), oa, da, a0, a1, best);
    }
    if (da > 1e-15 || da < -1e-15) {
      best = cap(cu, cv, oa, du, dv, da, a0, r, best);
    }
    return best;
  }

  private static double coneRoot(double t, double oa, double da, double a0, double a1, double b) {
    if (t > T_MIN && t < b) {
      double a = oa + t * da;
      if (a >= a0 && a <= a1) {
        return t;
      }
    }
    return b;
  }

  private static double cap(
      double cu,
      double cv,
      double oa,
      double du,
      double dv,
      double da,
      double plane,
      double r,
      double best) {
    double t = (plane - oa) / da;
    if (t > T_MIN && t < best) {
      double u = cu + t * du;
      double v = cv + t * dv;
      if (u * u + v * v <= r * r) {
        return t;
      }
    }
    return best;
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
    int o = p * STRIDE;
    int t = type[p];
    if (t == Part.BOX) {
      boxNormal(o, x, y, z);
    } else if (t == Part.SPHERE) {
      double inv = 1 / prm[o + 3];
      ax = (x - prm[o]) * inv;
      ay = (y - prm[o + 1]) * inv;
      az = (z - prm[o + 2]) * inv;
    } else if (t == Part.CYL_X) {
      axialNormal(t, o, y, z, x); // (u, v, a) = (y, z, x)
      double nu = ax;
      double nv = ay;
      ax = az;
      ay = nu;
      az = nv;
    } else if (t == Part.CONE_Z) {
      axialNormal(t, o, x, y, z); // (u, v, a) = (x, y, z)
    } else {
      axialNormal(t, o, x, z, y); // (u, v, a) = (x, z, y)
      double nv = ay;
      ay = az;
      az = nv;
    }
    nx = c * ax + s * az;
    ny = ay;
    nz = -s * ax + c * az;
  }

  // Scratch normal in local coordinates.
  private double ax;
  private double ay;
  private double az;

  private void boxNormal(int o, double x, double y, double z) {
    double best = Math.abs(x - prm[o]);
    ax = -1;
    ay = 0;
    az = 0;
    double d = Math.abs(x - prm[o + 3]);
    if (d < best) {
      best = d;
      ax = 1;
    }
    d = Math.abs(y - prm[o + 1]);
    if (d < best) {
      best = d;
      ax = 0;
      ay = -1;
    }
    d = Math.abs(y - prm[o + 4]);
    if (d < best) {
      best = d;
      ax = 0;
      ay = 1;
    }
    d = Math.abs(z - prm[o + 2]);
    if (d < best) {
      best = d;
      ax = 0;
      ay = 0;
      az = -1;
    }
    d = Math.abs(z - prm[o + 5]);
    if (d < best) {
      ax = 0;
      ay = 0;
      az = 1;
    }
  }

  // Normal of a cylinder or cone in (u, v, a) coordinates, left in (ax, ay, az).
  private void axialNormal(int t, int o, double u, double v, double a) {
    double cu = u - prm[o];
    double cv = v - prm[o + 1];
    double r = prm[o + 2];
    double a0 = prm[o + 3];
    double a1 = prm[o + 4];
    double radial = Math.sqrt(cu * cu + cv * cv);
    boolean cone = t == Part.CONE_Y || t == Part.CONE_Z;
    double k = r / (a1 - a0);
    double side = cone ? Math.abs(radial - k * (a1 - a)) : Math.abs(radial - r);
    double bottom = Math.abs(a - a0);
    double top = cone ? INF : Math.abs(a - a1);
    ax = 0;
    ay = 0;
    if (bottom < side && bottom <= top) {
      az = -1;
    } else if (top < side || radial < 1e-12) {
      az = 1;
    } else {
      double na = cone ? k * radial : 0;
      double len = Math.sqrt(radial * radial + na * na);
      ax = cu / len;
      ay = cv / len;
      az = na / len;
    }
  }
}
