package spatialthinker.scenes;

import java.util.Locale;

/** Surface finish: matte surfaces are purely diffuse, shiny ones add a specular highlight. */
public enum Material {
  MATTE,
  SHINY;

  /** The material word: {@code matte} or {@code shiny}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The material named by {@code word}. */
  public static Material of(String word) {
    for (Material m : values()) {
      if (m.word().equals(word)) {
        return m;
      }
    }
    throw new IllegalArgumentException("material '" + word + "' is not matte or shiny");
  }
}
