package spatialthinker.core.parse;

import java.util.Locale;

/**
 * Text operations with the exact semantics of Python's {@code str.strip()} and {@code str.lower()},
 * so that answers compare as the reference reward compares them.
 */
public final class PyText {

  private PyText() {}

  /** Python's {@code str.isspace()} for one code point. */
  public static boolean isSpace(int cp) {
    return switch (cp) {
      case '\t',
          '\n',
          0x0B,
          '\f',
          '\r',
          0x1C,
          0x1D,
          0x1E,
          0x1F,
          ' ',
          0x85,
          0xA0,
          0x1680,
          0x2028,
          0x2029,
          0x202F,
          0x205F,
          0x3000 ->
          true;
      default -> cp >= 0x2000 && cp <= 0x200A;
    };
  }

  /** Python's {@code str.strip()}: removes leading and trailing white space. */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Python's {@code str.lower()} (full Unicode lower-casing, locale-independent). */
  public static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
