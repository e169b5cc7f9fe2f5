package spatialthinker.scenes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pinhole camera: where it stands, the point it looks at (the image centre), and its vertical
 * field of view in degrees. The camera is upright (no roll), so its right vector is horizontal.
 */
public record Camera(Vec3 position, Vec3 lookAt, double fov) {

  public Camera {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(lookAt, "lookAt");
    if (!(fov > 1 && fov < 179)) {
      throw new IllegalArgumentException("camera fov must be in (1, 179) degrees, got " + fov);
    }
    Vec3 f = lookAt.minus(position);
    if (f.length() == 0 || StrictMath.hypot(f.x(), f.z()) < 1e-9 * f.length()) {
      throw new IllegalArgumentException(
          "camera must look at a point other than straight up or down, got position "
              + position
              + " and look_at "
              + lookAt);
    }
  }

  /** Unit viewing direction. */
  public Vec3 forward() {
    return lookAt.minus(position).normalized();
  }

  /** Unit vector pointing to the image's right; horizontal. */
  public Vec3 right() {
    return forward().cross(new Vec3(0, 1, 0)).normalized();
  }

  /** Unit vector pointing to the image's top. */
  public Vec3 up() {
    return right().cross(forward());
  }

  /** Camera-space depth of a point: its distance along the viewing direction. */
  public double depthOf(Vec3 p) {
    return p.minus(position).dot(forward());
  }

  /** A point in camera space: x to the image's right, y to its top, z the depth. */
  public Vec3 toCameraSpace(Vec3 p) {
    Vec3 d = p.minus(position);
    return new Vec3(d.dot(right()), d.dot(up()), d.dot(forward()));
  }

  /**
   * Where a point in front of the camera lands in an image of the given size, as {@code [x, y]} in
   * pixels from the top-left corner (pixel centres at half-integers). The field of view spans the
   * image height; pixels are square.
   */
  public double[] project(Vec3 p, int width, int height) {
    Vec3 c = toCameraSpace(p);
    double tanHalf = StrictMath.tan(Math.toRadians(fov) / 2);
    double aspect = (double) width / height;
    return new double[] {
      (1 + c.x() / (c.z() * tanHalf * aspect)) * width / 2.0,
      (1 - c.y() / (c.z() * tanHalf)) * height / 2.0
    };
  }

  /**
   * The pixel rectangle {@code [x1, y1, x2, y2]} spanned by the images of some points, or empty
   * when one of them is not in front of the camera. For the corners of a box this holds the image
   * of everything inside the box.
   */
  public Optional<double[]> bounds(List<Vec3> points, int w, int h) {
    Vec3 f = forward();
    Vec3 r = right();
    Vec3 u = up();
    double tanHalf = StrictMath.tan(Math.toRadians(fov) / 2);
    double aspect = (double) w / h;
    double[] b = {
      Double.POSITIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (Vec3 p : points) {
      Vec3 d = p.minus(position);
      double z = d.dot(f);
      if (z <= 1e-6) {
        return Optional.empty();
      }
      double x = (1 + d.dot(r) / (z * tanHalf * aspect)) * w / 2.0;
      double y = (1 - d.dot(u) / (z * tanHalf)) * h / 2.0;
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
    return Optional.of(b);
  }
}
