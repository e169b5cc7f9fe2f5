package spatialthinker.data;

import java.util.Locale;

/** The nine STVQA question categories, in the order the paper lists them. */
public enum Category {
  RELATION,
  REACH,
  SIZE,
  ORIENTATION,
  INSTANCE_LOCATION,
  DEPTH,
  DISTANCE,
  COUNT,
  EXISTENCE;

  /**
   * The name written in the {@code category} column: {@code relation}, {@code instance_location}.
   */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The category named by {@code word}, case-insensitive.
   *
   * @throws IllegalArgumentException naming the word when it is not a category
   */
  public static Category of(String word) {
    for (Category c : values()) {
      if (c.word().equalsIgnoreCase(word.strip())) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "category '"
            + word
            + "' is not one of relation, reach, size, orientation,"
            + " instance_location, depth, distance, count, existence");
  }
}
