package spatialthinker.scenes.render;

import java.util.Arrays;

/**
 * The parts of a loaded scene as flat arrays, and the ray–part arithmetic: analytic intersections
 * of boxes, spheres, capped cylinders and cones in an object's local frame, and their normals. The
 * ray is held in fields, set by {@link Tracer} once per object, so part tests take no arguments
 * beyond the part and allocate nothing.
 */
final class PartTable {

  private static final int STRIDE = 6;
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double T_MIN = Tracer.T_MIN;

  int count;
  int[] type = new int[64];
  double[] prm = new double[64 * STRIDE];
  float[] albedo = new float[64 * 3]; // linear RGB
  boolean[] emissive = new boolean[64];
  boolean[] glossy = new boolean[64];

  // The ray in object k's local frame, with inverse directions for the slab tests. Directions
  // too close to 0 are nudged to +-1e-12 before inverting, so the slab arithmetic stays finite.
  double lox;
  double loy;
  double loz;
  double ldx;
  double ldy;
  double ldz;
  double ix;
  double iy;
  double iz;

  // Normal of the last normalLocal call, in local coordinates.
  double ax;
  double ay;
  double az;

  void clear() {
    count = 0;
  }

  /** Appends a part; its colour is converted to linear RGB with {@code srgbToLinear}. */
  void add(Part p, float[] srgbToLinear) {
    if (count == type.length) {
      int cap = count * 2;
      type = Arrays.copyOf(type, cap);
      prm = Arrays.copyOf(prm, cap * STRIDE);
      albedo = Arrays.copyOf(albedo, cap * 3);
      emissive = Arrays.copyOf(emissive, cap);
      glossy = Arrays.copyOf(glossy, cap);
    }
    int i = count++;
    type[i] = p.type();
    double[] v = p.p();
    System.arraycopy(v, 0, prm, i * STRIDE, v.length);
    albedo[i * 3] = srgbToLinear[p.rgb() >> 16 & 255];
    albedo[i * 3 + 1] = srgbToLinear[p.rgb() >> 8 & 255];
    albedo[i * 3 + 2] = srgbToLinear[p.rgb() & 255];
    emissive[i] = p.emissive();
    glossy[i] = p.glossy();
  }

  static double nudge(double d) {
    return d >= 1e-12 || d <= -1e-12 ? d : d >= 0 ? 1e-12 : -1e-12;
  }

  // Distance to part p along the local ray, or infinity.
  double hit(int p) {
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

  /** Sets (ax, ay, az) to the outward normal of part {@code p} at a local point on it. */
  void normalLocal(int p, double x, double y, double z) {
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
  }

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
