package spatialthinker.core.answer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ground-truth answers normalised the way predictions are: {@code (A)}, {@code A}, {@code a.},
 * {@code (A) cat}, the option text, or an option index all become the letter {@code A}.
 */
public final class AnswerKey {

  private static final Pattern LETTER = Pattern.compile("^[(\\[]?([A-Za-z])[)\\]]?[.:]?$");
  private static final Pattern LETTER_THEN_TEXT =
      Pattern.compile("^[(\\[]([A-Za-z])[)\\]]\\s*(.*)$");
  private static final Pattern INDEX = Pattern.compile("^\\d{1,2}$");

  private AnswerKey() {}

  /**
   * The letter a ground-truth answer names among the choices: a letter in any of the usual
   * wrappings, a letter with its option text, the option text itself, or, when no option text is a
   * number, a 0-based index written as digits.
   */
  public static Optional<String> letter(String answer, Choices choices) {
    String a = AnswerText.clean(answer);
    Matcher m = LETTER.matcher(a);
    if (m.matches()) {
      return checked(m.group(1), choices);
    }
    m = LETTER_THEN_TEXT.matcher(a);
    if (m.matches()) {
      return checked(m.group(1), choices);
    }
    String folded = a.toLowerCase(Locale.ROOT);
    int hit = -1;
    for (int i = 0; i < choices.size(); i++) {
      if (AnswerText.foldOption(choices.options().get(i), i).equals(AnswerText.fold(folded))) {
        if (hit >= 0) {
          return Optional.empty();
        }
        hit = i;
      }
    }
    if (hit >= 0) {
      return Optional.of(Choices.letter(hit));
    }
    if (INDEX.matcher(a).matches() && !anyNumericOption(choices)) {
      return fromIndex(Integer.parseInt(a), choices);
    }
    return Optional.empty();
  }

  /** The letter of a 0-based option index, when it names an option. */
  public static Optional<String> fromIndex(long index, Choices choices) {
    return index >= 0 && index < choices.size()
        ? Optional.of(Choices.letter((int) index))
        : Optional.empty();
  }

  private static Optional<String> checked(String letter, Choices choices) {
    String upper = letter.toUpperCase(Locale.ROOT);
    if (choices.isEmpty() || choices.hasLetter(upper.charAt(0))) {
      return Optional.of(upper);
    }
    return Optional.empty();
  }

  private static boolean anyNumericOption(Choices choices) {
    for (String o : choices.options()) {
      if (o.strip().matches("-?\\d+(?:\\.\\d+)?")) {
        return true;
      }
    }
    return false;
  }
}
