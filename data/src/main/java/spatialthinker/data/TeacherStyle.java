package spatialthinker.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the {@code teacher_response} (the SFT target) is. Both styles carry the same scene graph
 * and answer, so the dense reward scores either at 1.0.
 */
public enum TeacherStyle {
  /**
   * The full response: where each named object is, the measured facts that decide the answer, the
   * answer ({@code docs/data.md}).
   */
  FULL,
  /**
   * The scene graph and the answer with one-line {@code <observe>} ({@code 6 objects.}) and {@code
   * <think>} ({@code behind is option (B).}): about 75 tokens instead of about 200, short enough
   * for the small CPU policies (the {@code tiny} and {@code small} presets). The think names the
   * answer's text before its letter, so a policy decides what the answer is and then finds its
   * letter among the options; written letter first, small policies chose the right text with the
   * wrong letter far more often than not.
   */
  COMPACT;

  private static final Pattern COUNT = Pattern.compile("^The image shows (\\d+) objects?\\b");
  private static final Pattern OPTION = Pattern.compile("^\\(([^)\\s]+)\\)\\s*(\\S.*)$");

  /** The style of a name ({@code full}, {@code compact}). */
  public static TeacherStyle of(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--teacher must be full or compact, got '" + name + "'", e);
    }
  }

  /** Lower-case name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The teacher response.
   *
   * @param observe the question's full observation
   * @param sceneJson the question-focused scene graph as compact JSON
   * @param think the question's reasoning, before the answer
   * @param optionText the answer, {@code (B) behind}
   */
  String response(String observe, String sceneJson, String think, String optionText) {
    String obs;
    String reasoning;
    if (this == FULL) {
      obs = observe;
      reasoning = think + " Among the options, " + optionText + " is the answer.";
    } else {
      Matcher m = COUNT.matcher(observe);
      obs =
          m.find()
              ? m.group(1) + (m.group(1).equals("1") ? " object." : " objects.")
              : first(observe);
      Matcher o = OPTION.matcher(optionText);
      reasoning =
          o.matches()
              ? o.group(2) + " is option (" + o.group(1) + ")."
              : "The answer is " + optionText + ".";
    }
    return "<observe>\n"
        + obs
        + "\n</observe>\n<scene>\n"
        + sceneJson
        + "\n</scene>\n<think>\n"
        + reasoning
        + "\n</think>\n<answer>"
        + optionText
        + "</answer>";
  }

  private static String first(String text) {
    String[] parts = text.strip().split("(?<=\\.)\\s+", 2);
    return parts[0];
  }
}
