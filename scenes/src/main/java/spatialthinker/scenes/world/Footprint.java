package spatialthinker.scenes.world;

/**
 * The shape an object covers on the ground (or on the top it rests on): a disc, or a rectangle
 * rotated by the object's yaw. Every part of an object lies inside the vertical prism over its
 * footprint, so two objects whose footprints do not overlap cannot interpenetrate.
 *
 * @param round disc (true) or rectangle
 * @param cx centre x
 * @param cz centre z
 * @param hx disc radius, or half extent along the object's right axis
 * @param hz disc radius, or half extent along the object's front axis
 * @param cos cosine of the yaw
 * @param sin sine of the yaw
 */
public record Footprint(
    boolean round, double cx, double cz, double hx, double hz, double cos, double sin) {

  /** Radius of the smallest disc around the centre that holds the footprint. */
  public double radius() {
    return round ? hx : StrictMath.hypot(hx, hz);
  }

  /** True when the interiors intersect; footprints that only touch do not overlap. */
  public boolean overlaps(Footprint o) {
    if (round && o.round) {
      double r = hx + o.hx;
      double dx = o.cx - cx;
      double dz = o.cz - cz;
      return dx * dx + dz * dz < r * r;
    }
    if (round) {
      return o.pointDistance(cx, cz) < hx;
    }
    if (o.round) {
      return pointDistance(o.cx, o.cz) < o.hx;
    }
    return separatedOnNoAxis(o) && o.separatedOnNoAxis(this);
  }

  /** Distance between the two footprints; 0 when they overlap. */
  public double gap(Footprint o) {
    if (overlaps(o)) {
      return 0;
    }
    if (round && o.round) {
      return StrictMath.hypot(o.cx - cx, o.cz - cz) - hx - o.hx;
    }
    if (round) {
      return o.pointDistance(cx, cz) - hx;
    }
    if (o.round) {
      return pointDistance(o.cx, o.cz) - o.hx;
    }
    // Disjoint convex polygons are closest at a corner of one of them.
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < 4; k++) {
      best = Math.min(best, o.pointDistance(cornerX(k), cornerZ(k)));
      best = Math.min(best, pointDistance(o.cornerX(k), o.cornerZ(k)));
    }
    return best;
  }

  /** True when {@code inner} lies entirely within this footprint (boundary included). */
  public boolean contains(Footprint inner) {
    if (inner.round) {
      if (round) {
        return StrictMath.hypot(inner.cx - cx, inner.cz - cz) + inner.hx <= hx;
      }
      double lx = localX(inner.cx, inner.cz);
      double lz = localZ(inner.cx, inner.cz);
      return Math.abs(lx) + inner.hx <= hx && Math.abs(lz) + inner.hx <= hz;
    }
    for (int k = 0; k < 4; k++) {
      double x = inner.cornerX(k);
      double z = inner.cornerZ(k);
      if (round ? StrictMath.hypot(x - cx, z - cz) > hx : pointDistance(x, z) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Distance from a ground point to this footprint; 0 inside. */
  public double pointDistance(double x, double z) {
    if (round) {
      return Math.max(0, StrictMath.hypot(x - cx, z - cz) - hx);
    }
    double dx = Math.max(0, Math.abs(localX(x, z)) - hx);
    double dz = Math.max(0, Math.abs(localZ(x, z)) - hz);
    return StrictMath.hypot(dx, dz);
  }

  private double localX(double x, double z) {
    return cos * (x - cx) - sin * (z - cz);
  }

  private double localZ(double x, double z) {
    return sin * (x - cx) + cos * (z - cz);
  }

  // Corner k of the rectangle: local (+-hx, +-hz) mapped to the world by the yaw rotation.
  double cornerX(int k) {
    double lx = (k & 1) == 0 ? -hx : hx;
    double lz = (k & 2) == 0 ? -hz : hz;
    return cx + cos * lx + sin * lz;
  }

  double cornerZ(int k) {
    double lx = (k & 1) == 0 ? -hx : hx;
    double lz = (k & 2) == 0 ? -hz : hz;
    return cz - sin * lx + cos * lz;
  }

  // Separating-axis test on this rectangle's two axes: true when neither separates.
  private boolean separatedOnNoAxis(Footprint o) {
    double dx = o.cx - cx;
    double dz = o.cz - cz;
    // This rectangle's axes in world coordinates: right = (cos, -sin), front = (sin, cos).
    double[][] axes = {{cos, -sin, hx}, {sin, cos, hz}};
    for (double[] a : axes) {
      double dist = Math.abs(dx * a[0] + dz * a[1]);
      double ro =
          o.hx * Math.abs(o.cos * a[0] - o.sin * a[1])
              + o.hz * Math.abs(o.sin * a[0] + o.cos * a[1]);
      if (dist >= a[2] + ro) {
        return false;
      }
    }
    return true;
  }
}
