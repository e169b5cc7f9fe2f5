package spatialthinker.scenes.world;

import java.util.Objects;
import spatialthinker.scenes.Colour;
import spatialthinker.scenes.Kind;
import spatialthinker.scenes.Material;
import spatialthinker.scenes.SizeClass;
import spatialthinker.scenes.Vec3;

/**
 * An object placed in the world. Its local frame has the origin at the centre of its base, y up and
 * z towards its front; yaw turns it about the vertical so the front points along {@code (sin yaw,
 * 0, cos yaw)}.
 *
 * @param kind what it is
 * @param size size class (scales the kind's medium dimensions)
 * @param colour main colour
 * @param material matte or shiny
 * @param x world x of the base centre
 * @param z world z of the base centre
 * @param baseY height of its base: 0 on the ground, else the top of its support
 * @param yaw rotation in whole degrees
 * @param support index of the object it rests on, or -1 for the ground
 */
public record WorldObject(
    Kind kind,
    SizeClass size,
    Colour colour,
    Material material,
    double x,
    double z,
    double baseY,
    int yaw,
    int support) {

  public WorldObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(colour, "colour");
    Objects.requireNonNull(material, "material");
    if (yaw < 0 || yaw >= 360) {
      throw new IllegalArgumentException("yaw must be in [0, 360), got " + yaw);
    }
    if (baseY < 0 || support < -1) {
      throw new IllegalArgumentException("object must rest on the ground or an object");
    }
  }

  /** Extents along its right, up and front axes. */
  public Vec3 dimensions() {
    return kind.mediumDimensions().times(size.scale());
  }

  public double height() {
    return kind.mediumDimensions().y() * size.scale();
  }

  /** Height of its top. */
  public double top() {
    return baseY + height();
  }

  /** Centre of its bounding box. */
  public Vec3 centre() {
    return new Vec3(x, baseY + height() / 2, z);
  }

  /** Radius of a sphere around {@link #centre()} that holds the whole object. */
  public double boundingRadius() {
    return dimensions().length() / 2;
  }

  public double yawRadians() {
    return Math.toRadians(yaw);
  }

  /** Where it stands, as a disc or a rotated rectangle. */
  public Footprint footprint() {
    Vec3 d = dimensions();
    double r = yawRadians();
    return new Footprint(
        kind.roundFootprint(), x, z, d.x() / 2, d.z() / 2, StrictMath.cos(r), StrictMath.sin(r));
  }

  /** The eight corners of its bounding box, which holds every part of it. */
  public java.util.List<Vec3> corners() {
    Vec3 d = dimensions();
    double r = yawRadians();
    double c = StrictMath.cos(r);
    double s = StrictMath.sin(r);
    java.util.List<Vec3> out = new java.util.ArrayList<>(8);
    for (int k = 0; k < 8; k++) {
      double lx = (k & 1) == 0 ? -d.x() / 2 : d.x() / 2;
      double ly = (k & 2) == 0 ? 0 : d.y();
      double lz = (k & 4) == 0 ? -d.z() / 2 : d.z() / 2;
      out.add(new Vec3(x + c * lx + s * lz, baseY + ly, z - s * lx + c * lz));
    }
    return out;
  }

  /** This object moved to another base position. */
  public WorldObject at(double nx, double nz, double nBaseY, int nSupport) {
    return new WorldObject(kind, size, colour, material, nx, nz, nBaseY, yaw, nSupport);
  }
}
