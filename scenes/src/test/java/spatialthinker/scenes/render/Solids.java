package spatialthinker.scenes.render;

import java.util.List;
import spatialthinker.scenes.world.WorldObject;

/** Test oracle: an object's parts placed in the world, with point-inside tests. */
final class Solids {

  private final WorldObject o;
  private final List<Part> parts;
  private final double c;
  private final double s;

  Solids(WorldObject o) {
    this.o = o;
    this.parts = Models.parts(o);
    this.c = StrictMath.cos(o.yawRadians());
    this.s = StrictMath.sin(o.yawRadians());
  }

  /** True when the world point is inside some part by more than {@code margin}. */
  boolean contains(double x, double y, double z, double margin) {
    double rx = x - o.x();
    double rz = z - o.z();
    double lx = c * rx - s * rz;
    double ly = y - o.baseY();
    double lz = s * rx + c * rz;
    for (Part p : parts) {
      if (p.contains(lx, ly, lz, margin)) {
        return true;
      }
    }
    return false;
  }

  /** Lowest world y of any part. */
  double bottom() {
    return o.baseY() + parts.stream().mapToDouble(Part::minY).min().orElseThrow();
  }

  /** Highest world y of any part. */
  double top() {
    return o.baseY() + parts.stream().mapToDouble(Part::maxY).max().orElseThrow();
  }
}
