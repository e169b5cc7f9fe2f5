package spatialthinker.data;

import java.util.Locale;

/** Difficulty level of a question, as the {@code level} column writes it. */
public enum Level {
  EASY,
  MEDIUM,
  HARD;

  /** {@code easy}, {@code medium} or {@code hard}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The level named by {@code word}, case-insensitive.
   *
   * @throws IllegalArgumentException naming the word when it is not a level
   */
  public static Level of(String word) {
    for (Level l : values()) {
      if (l.word().equalsIgnoreCase(word.strip())) {
        return l;
      }
    }
    throw new IllegalArgumentException("level '" + word + "' is not one of easy, medium, hard");
  }
}
