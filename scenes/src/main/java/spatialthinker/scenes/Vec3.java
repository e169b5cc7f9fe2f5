package spatialthinker.scenes;

/** A point or direction in world space (y is up, the ground is {@code y = 0}), in scene units. */
public record Vec3(double x, double y, double z) {

  public Vec3 {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
      throw new IllegalArgumentException(
          "vector components must be finite: (" + x + ", " + y + ", " + z + ")");
    }
  }

  /** A vector from a 3-element array. */
  public static Vec3 of(double[] xyz) {
    if (xyz.length != 3) {
      throw new IllegalArgumentException("a 3D vector needs 3 numbers, got " + xyz.length);
    }
    return new Vec3(xyz[0], xyz[1], xyz[2]);
  }

  /** This plus {@code o}. */
  public Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  /** This minus {@code o}. */
  public Vec3 minus(Vec3 o) {
    return new Vec3(x - o.x, y - o.y, z - o.z);
  }

  /** This scaled by {@code k}. */
  public Vec3 times(double k) {
    return new Vec3(x * k, y * k, z * k);
  }

  /** Dot product. */
  public double dot(Vec3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  /** Cross product {@code this × o}. */
  public Vec3 cross(Vec3 o) {
    return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
  }

  /** Euclidean length. */
  public double length() {
    return Math.sqrt(dot(this));
  }

  /** This vector scaled to length 1. */
  public Vec3 normalized() {
    double len = length();
    if (len == 0) {
      throw new IllegalArgumentException("cannot normalise the zero vector");
    }
    return times(1 / len);
  }

  /** Distance to {@code o} in the ground plane (x and z only). */
  public double groundDistance(Vec3 o) {
    return StrictMath.hypot(x - o.x, z - o.z);
  }

  /** {@code [x, y, z]}. */
  public double[] toArray() {
    return new double[] {x, y, z};
  }
}
