package spatialthinker.reward;

import java.util.Optional;
import spatialthinker.core.parse.PyText;

/**
 * The image size stated in a prompt as {@code Image size: (W x H)}, read as the reference reward
 * reads it: the first match of {@code Image size: \((.*?) x (.*?)\)} on one line, each part an
 * integer. The match is found by a scan in time linear in the prompt's length (the regex itself
 * backtracks quadratically on a prompt that repeats the prefix without a size).
 */
public record ImageSize(int width, int height) {

  private static final String PREFIX = "Image size: (";
  private static final String SEPARATOR = " x ";

  public ImageSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + " x " + height);
    }
  }

  /** Reads the size from a problem; throws {@link MalformedRecordException} when absent or bad. */
  public static ImageSize fromProblem(String problem) {
    String[] parts = firstMatch(problem);
    if (parts == null) {
      throw new MalformedRecordException("problem has no 'Image size: (W x H)'");
    }
    Optional<Integer> w = pyInt(parts[0]);
    Optional<Integer> h = pyInt(parts[1]);
    if (w.isEmpty() || h.isEmpty() || w.get() <= 0 || h.get() <= 0) {
      throw new MalformedRecordException(
          "problem has a bad image size '(" + shorten(parts[0]) + " x " + shorten(parts[1]) + ")'");
    }
    return new ImageSize(w.get(), h.get());
  }

  /**
   * The two groups of the regex's first match, or null. For a start after a prefix, the lazy first
   * group ends at the first {@code " x "} on the line and the second at the first {@code ')'} after
   * it; when either is missing, no later start on the same line can match (its first separator is
   * no earlier), so the scan moves on to the next line. Each character is looked at a bounded
   * number of times.
   */
  static String[] firstMatch(String problem) {
    int n = problem.length();
    int start = problem.indexOf(PREFIX);
    while (start >= 0) {
      int from = start + PREFIX.length();
      int lineEnd = problem.indexOf('\n', from);
      if (lineEnd < 0) {
        lineEnd = n;
      }
      int sep = problem.indexOf(SEPARATOR, from, lineEnd);
      if (sep >= 0) {
        int close = problem.indexOf(')', sep + SEPARATOR.length(), lineEnd);
        if (close >= 0) {
          return new String[] {
            problem.substring(from, sep), problem.substring(sep + SEPARATOR.length(), close)
          };
        }
      }
      start = lineEnd >= n ? -1 : problem.indexOf(PREFIX, lineEnd);
    }
    return null;
  }

  /** Python's {@code int(s)} for decimal strings that fit an int. */
  private static Optional<Integer> pyInt(String s) {
    String t = PyText.strip(s);
    if (!isPyDecimal(t)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(t.replace("_", "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code [+-]?\p{Nd}+(?:_\p{Nd}+)*}, checked in one pass. */
  static boolean isPyDecimal(String t) {
    int i = 0;
    if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    boolean digitBefore = false;
    while (i < t.length()) {
      int cp = t.codePointAt(i);
      if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
        digitBefore = true;
      } else if (cp == '_' && digitBefore) {
        digitBefore = false;
      } else {
        return false;
      }
      i += Character.charCount(cp);
    }
    return digitBefore;
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
