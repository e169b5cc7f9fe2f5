package spatialthinker.core.answer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normal forms in which answer text is compared: markdown and LaTeX wrappers removed, lead-in
 * phrases ("The answer is", "Option") dropped, trailing punctuation cut.
 */
final class AnswerText {

  private static final Pattern MARKDOWN = Pattern.compile("\\*\\*|__|`|\\*");
  private static final Pattern LATEX_WRAP =
      Pattern.compile("\\\\(?:boxed|text|textbf|mathrm)\\{([^{}]*)}");
  private static final Pattern LINE_DECOR = Pattern.compile("(?m)^[ \\t]*(?:#+|>|[-•])[ \\t]+");
  // Special tokens a server may leave in the text: <s>, </s>, <|im_end|>, <eos>, <end_of_turn>.
  private static final Pattern SPECIAL_TOKENS =
      Pattern.compile("</?s>|<\\|[a-z_]+\\|>|</?eos>|<end_of_turn>|<start_of_turn>");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern LEAD_IN =
      Pattern.compile(
          "(?i)^(?:"
              + "(?:so|thus|therefore|hence|then|finally|overall|conclusion|in conclusion|in summary"
              + "|based on (?:this|that|the image|the above|the analysis|my analysis|the scene graph"
              + "|the scene|the observations?))\\s*[,:]?\\s+"
              + "|(?:the\\s+|my\\s+)?(?:final\\s+|correct\\s+|best\\s+|right\\s+|most\\s+likely\\s+"
              + "|predicted\\s+)?(?:answer|option|choice|selection)\\b(?:\\s+(?:is|would\\s+be"
              + "|should\\s+be|will\\s+be|must\\s+be))?\\s*[:：=\\-–—]?\\s*"
              + "|i(?:\\s+would|\\s+will|'d|’d)?\\s+(?:choose|pick|select|go\\s+with|say)\\s*:?\\s*"
              + "|(?:it\\s+is|it's|this\\s+is)\\s+(?=[(\\[]?[A-Z][)\\].:]?(?:\\s|$))"
              + ")");
  private static final Pattern EDGE_PUNCT = Pattern.compile("^[\\s\"'“”‘’]+|[\\s\"'“”‘’.!;,:]+$");

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\.+|…|n/?a|none|null|your (?:final )?answer.*|final answer here.*");

  private static final Pattern OWN_LETTER = Pattern.compile("[(\\[]?([A-Za-z])[)\\].:]\\s+");

  private AnswerText() {}

  /** Removes markdown emphasis, LaTeX wrappers and list decorations; keeps line breaks. */
  static String unwrap(String s) {
    String t = SPECIAL_TOKENS.matcher(s).replaceAll(" ");
    for (int i = 0; i < 3 && t.indexOf('\\') >= 0; i++) {
      t = LATEX_WRAP.matcher(t).replaceAll("$1");
    }
    t = t.replace("$", "");
    t = MARKDOWN.matcher(t).replaceAll("");
    return LINE_DECOR.matcher(t).replaceAll("");
  }

  /**
   * The answer text of a region on one line: unwrapped, white space collapsed, lead-in phrases and
   * edge punctuation and quotes removed. Case is kept (letters and articles differ by case).
   */
  static String clean(String region) {
    String t = SPACES.matcher(unwrap(region)).replaceAll(" ").strip();
    String before;
    do {
      before = t;
      t = LEAD_IN.matcher(t).replaceFirst("");
      t = EDGE_PUNCT.matcher(t).replaceAll("");
    } while (!t.equals(before) && !t.isEmpty());
    return t;
  }

  /** Lower-case comparison form of an option or answer text. */
  static String fold(String s) {
    return clean(s).toLowerCase(Locale.ROOT);
  }

  /**
   * The comparison form of option {@code index}'s text, without a copy of its own letter in front
   * ({@code "(B) right"} as option B is {@code right}), as some harnesses store options.
   */
  static String foldOption(String option, int index) {
    String t = option.strip();
    char letter = (char) ('A' + index);
    java.util.regex.Matcher m = OWN_LETTER.matcher(t);
    if (m.lookingAt()
        && Character.toUpperCase(m.group(1).charAt(0)) == letter
        && m.end() < t.length()) {
      t = t.substring(m.end());
    }
    return fold(t);
  }

  /** True for an unfilled template slot such as {@code {Your final answer}} or {@code ...}. */
  static boolean isPlaceholder(String cleaned) {
    String t = cleaned.toLowerCase(Locale.ROOT);
    return t.isEmpty() || t.startsWith("{") || PLACEHOLDER.matcher(t).matches();
  }
}
