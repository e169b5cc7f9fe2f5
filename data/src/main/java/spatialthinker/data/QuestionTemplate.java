package spatialthinker.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spatialthinker.scenes.Colour;
import spatialthinker.scenes.Kind;
import spatialthinker.scenes.Material;
import spatialthinker.scenes.SizeClass;

/**
 * What a model that does not look at the image can read from a question: its template and the
 * classes of its options. Option texts that occur in the question (object names in "Which is
 * closer, the red cube or the sphere?") become slots numbered by where they first occur ({@code
 * <1>}, {@code <2>}), so the answer class of such a question is the position of the named answer;
 * other options keep their text ({@code left of}, {@code 2}, {@code yes}). Attribute words (colour,
 * size, finish) and numbers are masked in every form; shape words are masked in {@link #template}
 * and kept in {@link #withLabels}, which tells what a question about a cube on a sphere gives away.
 * VG150 labels are not known words and stay in both forms.
 *
 * @param template the question, lower-case, with slots and every scene word masked
 * @param withLabels the same with the shape words kept
 * @param optionClasses the class of each option, in option order
 * @param answerClass the class of the correct option
 */
public record QuestionTemplate(
    String template, String withLabels, List<String> optionClasses, String answerClass) {

  private static final Set<String> ATTRIBUTES = new HashSet<>();
  private static final Set<String> SHAPES = new HashSet<>();
  private static final Pattern WORD = Pattern.compile("[a-z0-9]+");

  static {
    for (Colour c : Colour.values()) {
      ATTRIBUTES.add(c.word());
    }
    for (SizeClass s : SizeClass.values()) {
      ATTRIBUTES.add(s.word());
    }
    for (Material m : Material.values()) {
      ATTRIBUTES.add(m.word());
    }
    for (Kind k : Kind.values()) {
      SHAPES.add(k.word());
      SHAPES.add(k == Kind.SNOWMAN ? "snowmen" : k.word() + "s");
    }
  }

  /** Answer classes of the positive side of a yes/no or contact question. */
  public static final Set<String> POSITIVE =
      Set.of("yes", "resting on", "supporting", "touching side by side");

  /** Answer classes of the negative side. */
  public static final Set<String> NEGATIVE = Set.of("no", "not touching");

  /**
   * The template of a question.
   *
   * @param question the question without options
   * @param options the option texts
   * @param answerIndex index of the correct option
   */
  public static QuestionTemplate of(String question, List<String> options, int answerIndex) {
    String q = question.strip().toLowerCase(Locale.ROOT);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt((Integer i) -> -options.get(i).strip().length()));
    String[] slotOf = new String[options.size()];
    for (int i : order) {
      String o = options.get(i).strip().toLowerCase(Locale.ROOT);
      if (o.isEmpty()) {
        continue;
      }
      String token = "\u0001" + (char) ('a' + i) + "\u0002";
      String replaced = replaceWord(q, o, token);
      if (!replaced.equals(q)) {
        q = replaced;
        slotOf[i] = token;
      }
    }
    // Number the slots by where they occur.
    List<String> tokens = new ArrayList<>();
    Matcher t = Pattern.compile("\u0001.\u0002").matcher(q);
    while (t.find()) {
      if (!tokens.contains(t.group())) {
        tokens.add(t.group());
      }
    }
    String all = mask(q, true, true);
    String labels = mask(q, false, true);
    for (int k = 0; k < tokens.size(); k++) {
      all = all.replace(tokens.get(k), "<" + (k + 1) + ">");
      labels = labels.replace(tokens.get(k), "<" + (k + 1) + ">");
    }
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      classes.add(
          slotOf[i] != null
              ? "<" + (tokens.indexOf(slotOf[i]) + 1) + ">"
              : mask(options.get(i).strip().toLowerCase(Locale.ROOT), false, false));
    }
    return new QuestionTemplate(all, labels, classes, classes.get(answerIndex));
  }

  /** The template of a row. */
  public static QuestionTemplate of(QaRow r) {
    return of(r.questionOnly(), r.options(), r.answerIndex());
  }

  /** The template of a question before its options are shuffled. */
  public static QuestionTemplate of(QaItem q) {
    return of(q.question(), q.options(), q.answerIndex());
  }

  /** The option classes in sorted order: the set a blind model sees. */
  public String optionSet() {
    return String.join("|", optionClasses.stream().sorted().toList());
  }

  /** +1 for a positive answer class, -1 for a negative one, 0 otherwise. */
  public static int polarity(String answerClass) {
    return POSITIVE.contains(answerClass) ? 1 : NEGATIVE.contains(answerClass) ? -1 : 0;
  }

  // Replaces every occurrence of word (as whole words) in s.
  private static String replaceWord(String s, String word, String with) {
    StringBuilder b = new StringBuilder(s.length());
    int copied = 0;
    int from = 0;
    int at;
    while ((at = s.indexOf(word, from)) >= 0) {
      int end = at + word.length();
      if ((at == 0 || !isWordChar(s.charAt(at - 1)))
          && (end == s.length() || !isWordChar(s.charAt(end)))) {
        b.append(s, copied, at).append(with);
        copied = end;
        from = end;
      } else {
        from = at + 1;
      }
    }
    return copied == 0 ? s : b.append(s, copied, s.length()).toString();
  }

  private static boolean isWordChar(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  private static String mask(String s, boolean shapes, boolean numbers) {
    Matcher m = WORD.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String w = m.group();
      String r =
          ATTRIBUTES.contains(w)
              ? "<a>"
              : shapes && SHAPES.contains(w)
                  ? "<k>"
                  : numbers && Character.isDigit(w.charAt(0)) ? "<n>" : w;
      m.appendReplacement(b, Matcher.quoteReplacement(r));
    }
    m.appendTail(b);
    return b.toString();
  }
}
