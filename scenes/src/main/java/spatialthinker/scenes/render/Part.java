package spatialthinker.scenes.render;

/**
 * One analytic solid of an object's model, in the object's local frame (origin at the base centre,
 * y up, z to the front). Boxes are axis-aligned in that frame; cylinders and cones run along one
 * local axis; a cone's apex is at the larger axis coordinate.
 *
 * <p>Parameters by type: {@code BOX} minX, minY, minZ, maxX, maxY, maxZ; {@code SPHERE} cx, cy, cz,
 * r; cylinders and cones cu, cv, r, a0, a1 where a is the axis coordinate and (u, v) the other two
 * in the order (x, z) for {@code Y} types, (y, z) for {@code CYL_X} and (x, y) for {@code CONE_Z}.
 *
 * @param type one of the type constants
 * @param p parameters (see above)
 * @param rgb sRGB colour {@code 0xRRGGBB}
 * @param emissive glows with its own colour (lamps), unaffected by shadow
 * @param glossy adds a specular highlight
 * @param castsShadow false for small details flush with a larger part (eyes, lamps), whose shadow
 *     falls within that part's: skipping them keeps shadow rays cheap
 */
public record Part(
    int type, double[] p, int rgb, boolean emissive, boolean glossy, boolean castsShadow) {

  public static final int BOX = 0;
  public static final int SPHERE = 1;
  public static final int CYL_Y = 2;
  public static final int CYL_X = 3;
  public static final int CONE_Y = 4;
  public static final int CONE_Z = 5;

  public Part {
    int need = type == BOX ? 6 : type == SPHERE ? 4 : 5;
    if (type < BOX || type > CONE_Z || p.length != need) {
      throw new IllegalArgumentException("part type " + type + " needs " + need + " parameters");
    }
    p = p.clone();
  }

  /** A copy of the parameters. */
  @Override
  public double[] p() {
    return p.clone();
  }

  /** True when the local point lies inside the solid by more than {@code margin}. */
  public boolean contains(double x, double y, double z, double margin) {
    switch (type) {
      case BOX:
        return x > p[0] + margin
            && y > p[1] + margin
            && z > p[2] + margin
            && x < p[3] - margin
            && y < p[4] - margin
            && z < p[5] - margin;
      case SPHERE:
        {
          double dx = x - p[0];
          double dy = y - p[1];
          double dz = z - p[2];
          return Math.sqrt(dx * dx + dy * dy + dz * dz) < p[3] - margin;
        }
      default:
        {
          double u;
          double v;
          double a;
          if (type == CYL_X) {
            u = y;
            v = z;
            a = x;
          } else if (type == CONE_Z) {
            u = x;
            v = y;
            a = z;
          } else {
            u = x;
            v = z;
            a = y;
          }
          if (a <= p[3] + margin || a >= p[4] - margin) {
            return false;
          }
          double radial = StrictMath.hypot(u - p[0], v - p[1]);
          double r = type == CONE_Y || type == CONE_Z ? p[2] * (p[4] - a) / (p[4] - p[3]) : p[2];
          return radial < r - margin;
        }
    }
  }

  /** Lowest local y of the solid. */
  public double minY() {
    return switch (type) {
      case BOX -> p[1];
      case SPHERE -> p[1] - p[3];
      case CYL_X -> p[0] - p[2];
      case CONE_Z -> p[1] - p[2];
      default -> p[3];
    };
  }

  /** Highest local y of the solid. */
  public double maxY() {
    return switch (type) {
      case BOX -> p[4];
      case SPHERE -> p[1] + p[3];
      case CYL_X -> p[0] + p[2];
      case CONE_Z -> p[1] + p[2];
      default -> p[4];
    };
  }
}
