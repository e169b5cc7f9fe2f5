package spatialthinker.core.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a text names the options of a question: letters ({@code (B)}, {@code option b}, a bare
 * capital {@code B}) and option texts as whole words, leaving out mentions that reject an option
 * ({@code not A}, {@code A is wrong}) or only suppose it ({@code if A}, {@code A would mean}).
 */
final class Mentions {

  private static final Pattern FIRST_WORD = Pattern.compile("[a-z]+");

  private static final Pattern PAREN_REF = Pattern.compile("[(\\[]([A-Za-z])[)\\]]");

  private static final Pattern NAMED_REF =
      Pattern.compile("(?i)\\b(?:option|choice)\\s*[(\\[]?([a-z])\\b[)\\]]?");

  private static final Pattern BARE_REF =
      Pattern.compile("(?<![A-Za-z0-9'’\\-_.])([A-Z])(?![A-Za-z0-9'’\\-_])");

  private static final Pattern NEGATED_BEFORE =
      Pattern.compile(
          "(?:\\bnot|n't|\\bnever|\\bunlike|\\bexcept|\\bthan|\\binstead of|\\bnor"
              + "|\\bneither|\\bexclude|\\beliminate|\\brule out|\\bruled out|\\bagainst"
              + "|(?:n't|\\bnot|\\bcannot)\\s+(?:be|think|believe|say|choose|pick|select)"
              + "(?:\\s+(?:it's|it\\s+is|that|the\\s+answer\\s+is))?)"
              + "\\s*(?:the\\s+)?(?:option|choice)?\\s*[(\\[]?\\s*$");

  static final Pattern NEGATED_AFTER =
      Pattern.compile(
          "^\\s*[)\\]]?\\s*(?:(?:is|are|was|seems|appears|can|could|would|should|must)\\s+)?"
              + "(?:not\\b|isn't|aren't|wasn't|can't|cannot|incorrect|wrong|false|unlikely"
              + "|ruled out|eliminated|can be ruled out|out of the question)");

  private static final Pattern SUPPOSED_BEFORE =
      Pattern.compile(
          "\\b(?:if|suppose|assuming|whether)\\s+(?:the\\s+)?(?:option|choice)?\\s*[(\\[]?\\s*$");

  private static final Pattern SUPPOSED_AFTER =
      Pattern.compile(
          "^\\s*[)\\]]?\\s*(?:would|could|might|may)\\s+(?:mean|imply|suggest|require|indicate|be\\s+true\\s+if)");

  private static final Pattern ABBREVIATION_TAIL = Pattern.compile("\\.[A-Za-z]");

  /** Words after a bare {@code A} or {@code I} that make it a letter rather than an article. */
  private static final Set<String> LETTER_FOLLOWERS =
      Set.of(
          "or and is are was seems appears looks would should could might may because since as then also vs versus instead rather only too fits matches describes shows best correctly here indeed"
              .split(" "));

  static final List<String> NUMBER_WORDS =
      List.of(
          "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
              .split(" "));

  private final Choices choices;
  private final List<String> folded;
  // Other spellings of an option: the word for a small whole number ("3" is also "three").
  private final List<String> words;

  Mentions(Choices choices) {
    this.choices = choices;
    List<String> f = new ArrayList<>(choices.size());
    List<String> w = new ArrayList<>(choices.size());
    for (int i = 0; i < choices.size(); i++) {
      String fo = AnswerText.foldOption(choices.options().get(i), i);
      f.add(fo);
      w.add(
          fo.matches("\\d{1,2}") && Integer.parseInt(fo) < NUMBER_WORDS.size()
              ? NUMBER_WORDS.get(Integer.parseInt(fo))
              : "");
    }
    this.folded = List.copyOf(f);
    this.words = List.copyOf(w);
  }

  /** The comparison form of option {@code i}'s text. */
  String folded(int i) {
    return folded.get(i);
  }

  private static char letterOf(int index) {
    return (char) ('A' + index);
  }

  /** Un-negated letter mentions of options: {@code (B)}, {@code option b}, a bare {@code B}. */
  List<Ref> letters(String s) {
    List<Ref> out = new ArrayList<>();
    collect(PAREN_REF.matcher(s), s, out);
    collect(NAMED_REF.matcher(s), s, out);
    Matcher bare = BARE_REF.matcher(s);
    while (bare.find()) {
      char c = bare.group(1).charAt(0);
      String after = s.substring(bare.end());
      if (ABBREVIATION_TAIL.matcher(after).lookingAt()) {
        continue; // an abbreviation such as U.S.
      }
      if ((c == 'A' || c == 'I') && !bareLetterEndsClause(c, after)) {
        continue;
      }
      add(c, bare.start(1), bare.end(1), s, out);
    }
    return out;
  }

  private boolean bareLetterEndsClause(char c, String after) {
    String t = after.stripLeading();
    if (t.isEmpty() || ".,;:!?)]/".indexOf(t.charAt(0)) >= 0) {
      return true;
    }
    return letterStandsAlone(c, t);
  }

  private void collect(Matcher m, String s, List<Ref> out) {
    while (m.find()) {
      add(Character.toUpperCase(m.group(1).charAt(0)), m.start(), m.end(), s, out);
    }
  }

  private void add(char c, int start, int end, String s, List<Ref> out) {
    if (choices.hasLetter(c) && !negated(s, start, end)) {
      out.add(new Ref(c, start, end));
    }
  }

  /** A mention that rejects the option, or only supposes it ("if A", "A would mean"). */
  static boolean negated(String s, int start, int end) {
    String before = s.substring(Math.max(0, start - 30), start).toLowerCase(Locale.ROOT);
    String after = s.substring(end, Math.min(s.length(), end + 30)).toLowerCase(Locale.ROOT);
    return NEGATED_BEFORE.matcher(before).find()
        || NEGATED_AFTER.matcher(after).find()
        || SUPPOSED_BEFORE.matcher(before).find()
        || SUPPOSED_AFTER.matcher(after).find();
  }

  /** Un-negated occurrences of option texts as whole words (longest first). */
  List<Ref> optionTexts(String r) {
    String lower = r.toLowerCase(Locale.ROOT);
    if (lower.length() != r.length()) {
      return List.of(); // case folding changed offsets; too exotic to read safely
    }
    record Spelling(int option, String text) {}
    List<Spelling> order = new ArrayList<>();
    for (int i = 0; i < folded.size(); i++) {
      String o = folded.get(i);
      // One-letter options are letters (handled above); matching them as text would read the
      // article "a" as option A.
      if (o.length() > 1 || (o.length() == 1 && Character.isDigit(o.charAt(0)))) {
        order.add(new Spelling(i, o));
      }
      // Number words count in short answers ("There are three chairs."), not in prose, where
      // "the two objects" is no count.
      if (!words.get(i).isEmpty() && words(r) <= 8) {
        order.add(new Spelling(i, words.get(i)));
      }
    }
    order.sort(Comparator.comparingInt((Spelling sp) -> sp.text().length()).reversed());
    boolean[] taken = new boolean[lower.length()];
    List<Ref> out = new ArrayList<>();
    for (Spelling sp : order) {
      int i = sp.option();
      String o = sp.text();
      for (int at = lower.indexOf(o); at >= 0; at = lower.indexOf(o, at + 1)) {
        int end = at + o.length();
        if (!wordBoundary(lower, at, end) || anyTaken(taken, at, end)) {
          continue;
        }
        for (int k = at; k < end; k++) {
          taken[k] = true;
        }
        if (!negated(lower, at, end)) {
          out.add(new Ref(letterOf(i), at, end));
        }
      }
    }
    return out;
  }

  private static boolean anyTaken(boolean[] taken, int from, int to) {
    for (int k = from; k < to; k++) {
      if (taken[k]) {
        return true;
      }
    }
    return false;
  }

  private static boolean wordBoundary(String s, int start, int end) {
    boolean left = start == 0 || !Character.isLetterOrDigit(s.charAt(start - 1));
    boolean right = end == s.length() || !Character.isLetterOrDigit(s.charAt(end));
    return left && right;
  }

  Optional<Integer> exactOption(String lower) {
    String f = AnswerText.fold(lower);
    int hit = -1;
    for (int i = 0; i < folded.size(); i++) {
      boolean same = !folded.get(i).isEmpty() && folded.get(i).equals(f);
      if (same || (!words.get(i).isEmpty() && words.get(i).equals(f))) {
        if (hit >= 0) {
          return Optional.empty(); // two options with the same text
        }
        hit = i;
      }
    }
    return hit < 0 ? Optional.empty() : Optional.of(hit);
  }

  /** The option whose text starts the (lower-case) string at a word boundary; longest wins. */
  Optional<Integer> leadingOption(String lower) {
    int best = -1;
    for (int i = 0; i < folded.size(); i++) {
      if (startsWithOption(lower, i)
          && (best < 0 || folded.get(i).length() > folded.get(best).length())) {
        best = i;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(best);
  }

  boolean startsWithOption(String lower, int i) {
    String o = folded.get(i);
    if (o.isEmpty() || (o.length() == 1 && Character.isLetter(o.charAt(0)))) {
      return false;
    }
    return lower.startsWith(o) && wordBoundary(lower, 0, o.length());
  }

  static int words(String s) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean space = Character.isWhitespace(s.charAt(i));
      if (!space && !in) {
        n++;
      }
      in = !space;
    }
    return n;
  }

  boolean letterStandsAlone(char c, String rest) {
    if (c != 'A' && c != 'I') {
      return true;
    }
    String lower = rest.toLowerCase(Locale.ROOT);
    if (choices.hasLetter(c) && startsWithOption(lower, c - 'A')) {
      return true;
    }
    Matcher w = FIRST_WORD.matcher(lower);
    String word = w.lookingAt() ? w.group() : "";
    return LETTER_FOLLOWERS.contains(word);
  }

  record Ref(char letter, int start, int end) {}
}
