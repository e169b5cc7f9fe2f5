package spatialthinker.core.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free-form answers (counts, yes/no, single words) in a normal form that compares like for like:
 * lower case, no articles or edge punctuation, number words as digits, and a leading yes or no
 * standing for the whole answer.
 */
public final class FreeFormAnswer {

  private static final Map<String, String> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("zero", "0"),
          Map.entry("one", "1"),
          Map.entry("two", "2"),
          Map.entry("three", "3"),
          Map.entry("four", "4"),
          Map.entry("five", "5"),
          Map.entry("six", "6"),
          Map.entry("seven", "7"),
          Map.entry("eight", "8"),
          Map.entry("nine", "9"),
          Map.entry("ten", "10"),
          Map.entry("eleven", "11"),
          Map.entry("twelve", "12"),
          Map.entry("thirteen", "13"),
          Map.entry("fourteen", "14"),
          Map.entry("fifteen", "15"),
          Map.entry("sixteen", "16"),
          Map.entry("seventeen", "17"),
          Map.entry("eighteen", "18"),
          Map.entry("nineteen", "19"),
          Map.entry("twenty", "20"));
  private static final Pattern ARTICLES = Pattern.compile("\\b(?:a|an|the)\\b\\s*");
  private static final Pattern WORD = Pattern.compile("[a-z]+");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final Pattern YES_NO = Pattern.compile("^(yes|no)\\b.*");
  private static final Pattern WRAPPED_LETTER = Pattern.compile("^[(\\[]([a-z])[)\\]]$");

  private FreeFormAnswer() {}

  /**
   * The normal form of an answer text; {@code ""} only when the text holds nothing but punctuation
   * and space. An article alone ({@code "A"}, {@code "the"}) is kept as it is, and a letter in
   * parentheses ({@code "(a)"}) is the letter.
   */
  public static String normalize(String text) {
    String t = AnswerText.fold(text);
    Matcher yn = YES_NO.matcher(t);
    if (yn.matches()) {
      return yn.group(1);
    }
    Matcher w = WORD.matcher(t);
    StringBuilder b = new StringBuilder();
    int last = 0;
    while (w.find()) {
      b.append(t, last, w.start());
      b.append(NUMBER_WORDS.getOrDefault(w.group(), w.group()));
      last = w.end();
    }
    b.append(t.substring(last));
    String whole = tidy(b.toString());
    Matcher letter = WRAPPED_LETTER.matcher(whole);
    if (letter.matches()) {
      return letter.group(1); // "(a)", MMVP's form of an option
    }
    // Articles go only when something remains: "A", "an" or "the" as a whole answer stay.
    String s = tidy(ARTICLES.matcher(whole).replaceAll(""));
    return s.isEmpty() ? whole : s;
  }

  private static String tidy(String s) {
    return s.replaceAll("\\s+", " ").replaceAll("[\\s.!;,:]+$", "").strip();
  }

  /**
   * Whether a predicted answer (already normalised) matches the truth: equal normal forms, or a
   * numeric truth and a prediction holding exactly that one number.
   */
  public static boolean matches(String predicted, String truth) {
    String p = normalize(predicted);
    String g = normalize(truth);
    if (p.isEmpty() || g.isEmpty()) {
      return false;
    }
    if (p.equals(g)) {
      return true;
    }
    Optional<Double> gn = singleNumber(g);
    if (gn.isPresent() && NUMBER.matcher(g).matches()) {
      Optional<Double> pn = singleNumber(p);
      return pn.isPresent() && pn.get().doubleValue() == gn.get().doubleValue();
    }
    return false;
  }

  /** The only number in a text, if there is exactly one. */
  static Optional<Double> singleNumber(String s) {
    Matcher m = NUMBER.matcher(s.toLowerCase(Locale.ROOT));
    List<Double> found = new ArrayList<>();
    while (m.find()) {
      found.add(Double.parseDouble(m.group()));
    }
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }
}
