package spatialthinker.core.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code problem} text of STVQA-7K: the question prefix of the SpatialThinker data generator
 * (it starts with {@code <image> } and ends with {@code Image size: (W x H)} and {@code Now answer
 * the following question:}), then {@code \nQ. } and the question with its options. The prefix is
 * data, kept byte for byte in the resource {@code stvqa-question-prefix.txt} with {@code {W}} and
 * {@code {H}} where the image size goes; {@code docs/data.md} records where it comes from.
 */
public final class StvqaProblem {

  /** The resource holding the prefix. */
  public static final String RESOURCE = "stvqa-question-prefix.txt";

  /** What separates the prefix from the question. */
  public static final String QUESTION_MARK = "\nQ. ";

  private static final String TEMPLATE = load();
  private static final String HEAD = TEMPLATE.substring(0, TEMPLATE.indexOf("{W}"));
  private static final String MIDDLE =
      TEMPLATE.substring(TEMPLATE.indexOf("{W}") + 3, TEMPLATE.indexOf("{H}"));
  private static final String TAIL = TEMPLATE.substring(TEMPLATE.indexOf("{H}") + 3);

  private StvqaProblem() {}

  /** The prefix with the template's placeholders, exactly as the resource holds it. */
  public static String template() {
    return TEMPLATE;
  }

  /** The prefix for an image of this size. */
  public static String prefix(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + " x " + height);
    }
    return HEAD + width + MIDDLE + height + TAIL;
  }

  /** The {@code problem} of a question with options about an image of this size. */
  public static String of(int width, int height, String questionWithOptions) {
    return prefix(width, height) + QUESTION_MARK + questionWithOptions;
  }

  /**
   * What a problem in this form holds: the image size and the question with options; empty when the
   * text is not in this form.
   */
  public static Optional<Parts> parse(String problem) {
    if (problem == null || !problem.startsWith(HEAD)) {
      return Optional.empty();
    }
    int at = HEAD.length();
    int w = digits(problem, at);
    if (w == at || !problem.startsWith(MIDDLE, w)) {
      return Optional.empty();
    }
    int h = digits(problem, w + MIDDLE.length());
    if (h == w + MIDDLE.length() || !problem.startsWith(TAIL + QUESTION_MARK, h)) {
      return Optional.empty();
    }
    try {
      int width = Integer.parseInt(problem.substring(at, w));
      int height = Integer.parseInt(problem.substring(w + MIDDLE.length(), h));
      String question = problem.substring(h + TAIL.length() + QUESTION_MARK.length());
      return Optional.of(new Parts(width, height, question));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The parts of a problem.
   *
   * @param width image width in pixels
   * @param height image height in pixels
   * @param questionWithOptions the question, {@code Options:} and its option lines
   */
  public record Parts(int width, int height, String questionWithOptions) {}

  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && i - from < 9 && Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String load() {
    try (InputStream in = StvqaProblem.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      String t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!t.startsWith("<image> ")
          || t.indexOf("{W}") < 0
          || t.indexOf("{H}") < t.indexOf("{W}")) {
        throw new IllegalStateException(RESOURCE + " lacks '<image> ', {W} or {H}");
      }
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
