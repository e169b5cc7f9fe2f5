package spatialthinker.eval.load;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import spatialthinker.core.answer.AnswerKey;
import spatialthinker.core.answer.Choices;
import spatialthinker.core.answer.FreeFormAnswer;

/**
 * The one reader of ground truth and options, used by the runner (through {@link BenchmarkData})
 * and by re-scoring alike. Each method returns the normalised value or throws {@link Invalid} with
 * the reason, which the caller places (row, id, file or line).
 */
public final class AnswerKeys {

  private static final Pattern DIGITS = Pattern.compile("^\\s*\\(?\\d+\\)?\\.?\\s*$");

  /** Why a row cannot be scored; the message is the reason alone, without the row's location. */
  public static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  private AnswerKeys() {}

  /**
   * Options as a list: between 2 and 26 of them; {@code allowNone} lets an empty list through (a
   * free-form line of another harness).
   */
  public static Choices options(List<String> options, boolean allowNone) {
    if (options.isEmpty() && allowNone) {
      return Choices.NONE;
    }
    if (options.size() < 2 || options.size() > Choices.MAX_OPTIONS) {
      throw new Invalid("needs 2 to " + Choices.MAX_OPTIONS + " options, has " + options.size());
    }
    return new Choices(options);
  }

  /** Options written as a Python or JSON list literal. */
  public static Choices options(String literal, boolean allowNone) {
    List<String> parsed =
        PyListLiteral.parse(literal)
            .orElseThrow(() -> new Invalid("options " + quote(literal) + " are not a list"));
    return options(parsed, allowNone);
  }

  /**
   * The letter a stored answer names among the options: a letter in any of the usual wrappings, the
   * letter with its option text, or the option text. A digit string is an option text only (a
   * count, a year); it is never read as a 0-based option index, since no benchmark of the registry
   * stores indexes as text. {@code integerIndex} is for an answer stored as an integer (a typed
   * parquet or JSON number): that is an index.
   */
  public static String letter(String raw, Choices choices, boolean integerIndex) {
    if (choices.isEmpty()) {
      throw new Invalid("has no options");
    }
    Optional<String> letter;
    if (integerIndex) {
      long i;
      try {
        i = Long.parseLong(raw.strip());
      } catch (NumberFormatException e) {
        throw new Invalid("answer " + quote(raw) + " is not an option index");
      }
      letter = AnswerKey.fromIndex(i, choices);
    } else {
      letter = AnswerKey.letter(raw, choices);
      if (letter.isPresent() && DIGITS.matcher(raw).matches()) {
        // AnswerKey reads digits as an index when no option is a number; here they must be text.
        String option = choices.option(letter.get()).orElse("");
        if (!digitsOf(option).equals(digitsOf(raw))) {
          letter = Optional.empty();
        }
      }
    }
    return letter.orElseThrow(
        () ->
            new Invalid(
                "answer "
                    + quote(raw)
                    + " names none of the "
                    + choices.size()
                    + " options "
                    + choices.options()));
  }

  /**
   * A ground truth and options read from the question text ({@code (A) x (B) y}, {@code (a) x (b)
   * y}, {@code A. x} lines, or inline {@code Options: A. x, B. y}): the letter when the options are
   * listed and the answer names one of them, otherwise the free-form normal form.
   */
  public static Key fromQuestion(String question, String raw) {
    Choices parsed = InlineOptions.parse(question);
    if (!parsed.isEmpty()) {
      try {
        return new Key(parsed, letter(raw, parsed, false));
      } catch (Invalid e) {
        // not one of the listed options: compared as free-form text
      }
    }
    return new Key(Choices.NONE, freeForm(raw));
  }

  /** Options (empty for free-form) and the normalised answer. */
  public record Key(Choices choices, String answer) {}

  /** HallusionBench's flag: {@code 1} (or yes/true) is Yes, option A; {@code 0} is No, option B. */
  public static String yesNoFlag(String raw) {
    return switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "1", "1.0", "yes", "true" -> "A";
      case "0", "0.0", "no", "false" -> "B";
      default -> throw new Invalid("yes/no flag " + quote(raw) + " is not 1 or 0");
    };
  }

  /** The normal form of a free-form answer; a truth with nothing left is a bad row. */
  public static String freeForm(String raw) {
    String a = FreeFormAnswer.normalize(raw);
    if (a.isEmpty()) {
      throw new Invalid("free-form answer " + quote(raw) + " is empty once normalised");
    }
    return a;
  }

  private static String digitsOf(String s) {
    return s.replaceAll("[^0-9]", "");
  }

  static String quote(String s) {
    String t = s.length() > 80 ? s.substring(0, 77) + "..." : s;
    return "'" + t.replace("\n", "\\n") + "'";
  }
}
