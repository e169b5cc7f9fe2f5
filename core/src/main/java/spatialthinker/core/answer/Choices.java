package spatialthinker.core.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of a multiple-choice question, in order: option {@code i} has the letter {@code 'A' +
 * i}. Empty for a free-form question.
 *
 * @param options the option texts, without their letters
 */
public record Choices(List<String> options) {

  /** Most options a question may have (A to Z). */
  public static final int MAX_OPTIONS = 26;

  /** No options: a free-form question. */
  public static final Choices NONE = new Choices(List.of());

  /** The two options of a yes/no question written as multiple choice, as HallusionBench is. */
  public static final Choices YES_NO = new Choices(List.of("Yes", "No"));

  // "(A) text (B) text" or "(a) text" anywhere, as in CV-Bench and MMVP prompts.
  private static final Pattern PAREN_MARK = Pattern.compile("\\(([A-Za-z])\\)\\s*");
  // "A. text" or "A) text" at the start of a line, as in RealWorldQA prompts.
  private static final Pattern LINE_MARK =
      Pattern.compile("(?m)^[ \\t]*\\(?([A-Z])[.):][ \\t]+(\\S[^\\n]*)$");

  private static final Pattern TRAILING_JOIN = Pattern.compile("(?i)(?:[,;]|\\s+or)+$");

  public Choices {
    Objects.requireNonNull(options, "options");
    options = List.copyOf(options);
    if (options.size() > MAX_OPTIONS) {
      throw new IllegalArgumentException(
          "a question has at most " + MAX_OPTIONS + " options, got " + options.size());
    }
  }

  /** Choices from option texts. */
  public static Choices of(String... options) {
    return new Choices(List.of(options));
  }

  /** Number of options. */
  public int size() {
    return options.size();
  }

  /** True for a free-form question. */
  public boolean isEmpty() {
    return options.isEmpty();
  }

  /** The letter of option {@code index} (0 is {@code A}). */
  public static String letter(int index) {
    if (index < 0 || index >= MAX_OPTIONS) {
      throw new IllegalArgumentException("option index must be in [0, 26), got " + index);
    }
    return String.valueOf((char) ('A' + index));
  }

  /** The letters of these options, {@code A} onwards. */
  public List<String> letters() {
    List<String> out = new ArrayList<>(options.size());
    for (int i = 0; i < options.size(); i++) {
      out.add(letter(i));
    }
    return out;
  }

  /** Whether an upper-case letter names one of these options. */
  public boolean hasLetter(char upper) {
    return upper >= 'A' && upper < 'A' + options.size();
  }

  /** The option index of a letter ({@code "b"} or {@code "B"} is 1), if it names an option. */
  public Optional<Integer> indexOf(String letter) {
    if (letter.length() != 1) {
      return Optional.empty();
    }
    char c = Character.toUpperCase(letter.charAt(0));
    return hasLetter(c) ? Optional.of(c - 'A') : Optional.empty();
  }

  /** The option text of a letter, if it names an option. */
  public Optional<String> option(String letter) {
    return indexOf(letter).map(options::get);
  }

  /**
   * The options written into a question text, either as {@code (A) x (B) y} (any case) or as lines
   * {@code A. x}; empty when the text does not list at least two options lettered from A in order.
   */
  public static Choices parseFrom(String question) {
    Choices lines = parseLines(question);
    return lines.size() >= 2 ? lines : parseParenthesized(question);
  }

  private static Choices parseLines(String text) {
    Matcher m = LINE_MARK.matcher(text);
    List<String> out = new ArrayList<>();
    int expectedLine = -1;
    while (m.find()) {
      char letter = m.group(1).charAt(0);
      int line = lineOf(text, m.start());
      if (letter == 'A') {
        out.clear();
      } else if (letter != 'A' + out.size() || line != expectedLine) {
        if (out.size() >= 2) {
          break;
        }
        out.clear();
        continue;
      }
      out.add(m.group(2).strip());
      expectedLine = line + 1;
    }
    return out.size() >= 2 ? new Choices(out) : NONE;
  }

  private static int lineOf(String text, int pos) {
    int n = 0;
    for (int i = 0; i < pos; i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private static Choices parseParenthesized(String text) {
    Matcher m = PAREN_MARK.matcher(text);
    List<int[]> marks = new ArrayList<>();
    char base = 0;
    while (m.find()) {
      char c = m.group(1).charAt(0);
      char upper = Character.toUpperCase(c);
      if (upper == 'A') {
        marks.clear();
        base = c;
        marks.add(new int[] {m.start(), m.end()});
      } else if (!marks.isEmpty() && c == base + marks.size()) {
        marks.add(new int[] {m.start(), m.end()});
      }
    }
    if (marks.size() < 2) {
      return NONE;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < marks.size(); i++) {
      int from = marks.get(i)[1];
      int to = i + 1 < marks.size() ? marks.get(i + 1)[0] : text.length();
      String option = text.substring(from, to);
      int nl = option.indexOf('\n');
      if (nl >= 0) {
        option = option.substring(0, nl);
      }
      option = TRAILING_JOIN.matcher(option.strip()).replaceAll("");
      if (option.isEmpty()) {
        return NONE;
      }
      out.add(option);
    }
    return new Choices(out);
  }
}
