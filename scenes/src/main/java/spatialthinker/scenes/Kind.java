package spatialthinker.scenes;

import java.util.Locale;

/**
 * What an object is. The {@link #word()} is both the {@code shape} field and the name part of the
 * object's id ({@code cube.1}, {@code snowman.2}); every word is a WordNet noun. Kinds with a front
 * ({@link #hasFront()}) look different from the front and the back, so their facing can be read
 * from pixels: the chair has its backrest behind the seat, the car its cabin set back with
 * headlights in front and red lights behind, the snowman a carrot nose, eyes and buttons in front.
 */
public enum Kind {
  CUBE(0.5, 0.5, 0.5, false, true, true),
  SPHERE(0.56, 0.56, 0.56, false, false, true),
  CYLINDER(0.48, 0.5, 0.48, false, true, true),
  CONE(0.52, 0.6, 0.52, false, false, true),
  CHAIR(0.5, 0.95, 0.5, true, false, false),
  CAR(0.5, 0.42, 1.0, true, false, false),
  SNOWMAN(0.42, 0.93, 0.42, true, false, false);

  private final double width;
  private final double height;
  private final double depth;
  private final boolean front;
  private final boolean flatTop;
  private final boolean stackable;

  Kind(
      double width,
      double height,
      double depth,
      boolean front,
      boolean flatTop,
      boolean stackable) {
    this.width = width;
    this.height = height;
    this.depth = depth;
    this.front = front;
    this.flatTop = flatTop;
    this.stackable = stackable;
  }

  /** The shape word: {@code cube}, {@code sphere}, ..., {@code snowman}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when the object has a front a viewer can tell from its back. */
  public boolean hasFront() {
    return front;
  }

  /** True when other objects can rest on its top face. */
  public boolean hasFlatTop() {
    return flatTop;
  }

  /** True when it can rest on another object's flat top. */
  public boolean stackable() {
    return stackable;
  }

  /**
   * Medium-size dimensions {@code [width, height, depth]}: extents along the object's own x (its
   * right), y (up) and z (its front).
   */
  public Vec3 mediumDimensions() {
    return new Vec3(width, height, depth);
  }

  /** True when the footprint on the ground is a disc (else a rectangle). */
  public boolean roundFootprint() {
    return this == SPHERE || this == CYLINDER || this == CONE || this == SNOWMAN;
  }

  /** The kind whose word is {@code word}. */
  public static Kind of(String word) {
    for (Kind k : values()) {
      if (k.word().equals(word)) {
        return k;
      }
    }
    throw new IllegalArgumentException("shape '" + word + "' is not a known kind");
  }
}
