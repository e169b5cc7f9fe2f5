package spatialthinker.scenes;

import java.util.Locale;

/** Size class of an object relative to the other objects of its kind. */
public enum SizeClass {
  SMALL(0.7),
  MEDIUM(1.0),
  LARGE(1.35);

  private final double scale;

  SizeClass(double scale) {
    this.scale = scale;
  }

  /** Factor applied to the kind's medium dimensions. */
  public double scale() {
    return scale;
  }

  /** The word used in data: {@code small}, {@code medium}, {@code large}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The size class named by {@code word}. */
  public static SizeClass of(String word) {
    for (SizeClass s : values()) {
      if (s.word().equals(word)) {
        return s;
      }
    }
    throw new IllegalArgumentException("size '" + word + "' is not one of small, medium, large");
  }
}
