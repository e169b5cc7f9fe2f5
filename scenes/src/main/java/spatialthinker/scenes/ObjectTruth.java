package spatialthinker.scenes;

import java.util.Objects;
import java.util.Optional;
import spatialthinker.core.graph.ObjectIds;

/**
 * The 3D truth of one rendered object.
 *
 * @param id the scene-graph id, {@code shape.N}
 * @param shape what the object is
 * @param color its main colour
 * @param material matte or shiny
 * @param size size class relative to its kind
 * @param position world centre of its bounding box (y up, the ground at 0)
 * @param depth camera-space depth of {@code position}: distance along the viewing direction
 * @param dimensions extents along its own right, up and front axes
 * @param yaw rotation about the vertical in degrees; the front points along {@code (sin yaw, 0, cos
 *     yaw)}; meaningful as a facing only when {@code shape.hasFront()}
 * @param visibleFraction share of its silhouette not hidden by other objects, in [0, 1]
 * @param supportedBy the id of the object it rests on; empty when it stands on the ground
 */
public record ObjectTruth(
    String id,
    Kind shape,
    Colour color,
    Material material,
    SizeClass size,
    Vec3 position,
    double depth,
    Vec3 dimensions,
    double yaw,
    double visibleFraction,
    Optional<String> supportedBy) {

  public ObjectTruth {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(material, "material");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(dimensions, "dimensions");
    Objects.requireNonNull(supportedBy, "supportedBy");
    if (!ObjectIds.isValid(id)) {
      throw new IllegalArgumentException("object id must look like name.N, got '" + id + "'");
    }
    if (!Double.isFinite(depth) || !Double.isFinite(yaw)) {
      throw new IllegalArgumentException(id + ": depth and yaw must be finite");
    }
    if (!(visibleFraction >= 0 && visibleFraction <= 1)) {
      throw new IllegalArgumentException(
          id + ": visible_fraction must be in [0, 1], got " + visibleFraction);
    }
    if (!(dimensions.x() > 0 && dimensions.y() > 0 && dimensions.z() > 0)) {
      throw new IllegalArgumentException(id + ": dimensions must be positive, got " + dimensions);
    }
    supportedBy.ifPresent(
        s -> {
          if (!ObjectIds.isValid(s) || s.equals(id)) {
            throw new IllegalArgumentException(
                id + ": supported_by must be another object's id, got '" + s + "'");
          }
        });
  }

  /** Unit direction of the front in the ground plane. */
  public Vec3 front() {
    double r = Math.toRadians(yaw);
    return new Vec3(StrictMath.sin(r), 0, StrictMath.cos(r));
  }

  /** Height of its lowest point. */
  public double bottom() {
    return position.y() - dimensions.y() / 2;
  }

  /** Height of its highest point. */
  public double top() {
    return position.y() + dimensions.y() / 2;
  }
}
