package spatialthinker.core.graph;

/**
 * The object-id grammar shared by the parser and the reward: {@code [A-Za-z_]+\.\d+}, where, as in
 * the reference reward (Python's {@code re}), {@code \d} is any Unicode decimal digit.
 */
public final class ObjectIds {

  private ObjectIds() {}

  /** True when the whole string matches {@code [A-Za-z_]+\.\d+}. */
  public static boolean isValid(String id) {
    int n = id.length();
    int i = 0;
    while (i < n && isNameChar(id.charAt(i))) {
      i++;
    }
    if (i == 0 || i >= n || id.charAt(i) != '.') {
      return false;
    }
    i++;
    if (i >= n) {
      return false;
    }
    while (i < n) {
      int cp = id.codePointAt(i);
      if (Character.getType(cp) != Character.DECIMAL_DIGIT_NUMBER) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** The part before the first {@code .} ({@code cup} for {@code cup.2}); the whole id if none. */
  public static String name(String id) {
    int dot = id.indexOf('.');
    return dot < 0 ? id : id.substring(0, dot);
  }

  private static boolean isNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }
}
