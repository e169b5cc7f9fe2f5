package spatialthinker.reward;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spatialthinker.core.parse.PyText;

/**
 * The image size stated in a prompt as {@code Image size: (W x H)}, read as the reference reward
 * reads it (first match of {@code Image size: \((.*?) x (.*?)\)} on one line, each part an
 * integer).
 */
public record ImageSize(int width, int height) {

  private static final Pattern PATTERN =
      Pattern.compile("Image size: \\((.*?) x (.*?)\\)", Pattern.UNIX_LINES);
  private static final Pattern PY_INT = Pattern.compile("[+-]?\\p{Nd}+(?:_\\p{Nd}+)*");

  public ImageSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + " x " + height);
    }
  }

  /** Reads the size from a problem; throws {@link MalformedRecordException} when absent or bad. */
  public static ImageSize fromProblem(String problem) {
    // The literal prefix locates the match without running the regex over the whole prompt.
    int at = problem.indexOf("Image size: (");
    Matcher m = PATTERN.matcher(problem);
    if (at < 0 || !m.find(at)) {
      throw new MalformedRecordException("problem has no 'Image size: (W x H)'");
    }
    Optional<Integer> w = pyInt(m.group(1));
    Optional<Integer> h = pyInt(m.group(2));
    if (w.isEmpty() || h.isEmpty() || w.get() <= 0 || h.get() <= 0) {
      throw new MalformedRecordException(
          "problem has a bad image size '(" + m.group(1) + " x " + m.group(2) + ")'");
    }
    return new ImageSize(w.get(), h.get());
  }

  /** Python's {@code int(s)} for decimal strings that fit an int. */
  private static Optional<Integer> pyInt(String s) {
    String t = PyText.strip(s);
    if (!PY_INT.matcher(t).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(t.replace("_", "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
