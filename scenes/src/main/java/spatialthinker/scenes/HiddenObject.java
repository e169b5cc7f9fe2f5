package spatialthinker.scenes;

import java.util.Objects;

/**
 * An object that is drawn (some of its samples show in the image) but too little of it shows to be
 * listed in the scene graph: less than {@link SceneGenerator#MIN_VISIBLE_FRACTION} of its
 * silhouette or fewer than {@link SceneGenerator#MIN_VISIBLE_PIXELS} pixels. Questions that count
 * or look for a kind must know of it, since the picture may show it.
 *
 * @param shape what it is
 * @param color its main colour
 * @param material matte or shiny
 * @param size size class
 * @param visibleFraction share of its silhouette that shows, in (0, 1]
 * @param pixels pixels that show it
 */
public record HiddenObject(
    Kind shape,
    Colour color,
    Material material,
    SizeClass size,
    double visibleFraction,
    int pixels) {

  public HiddenObject {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(material, "material");
    Objects.requireNonNull(size, "size");
    if (!(visibleFraction > 0 && visibleFraction <= 1)) {
      throw new IllegalArgumentException(
          "hidden "
              + shape.word()
              + ": visible_fraction must be in (0, 1], got "
              + visibleFraction);
    }
    if (pixels < 0) {
      throw new IllegalArgumentException(
          "hidden " + shape.word() + ": pixels must be at least 0, got " + pixels);
    }
  }
}
