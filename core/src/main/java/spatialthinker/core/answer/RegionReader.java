package spatialthinker.core.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the option a region of text (an {@code <answer>} block, the text after "Answer:", or a
 * short response) chooses. In order: the whole region is a letter or an option text; the region
 * starts with a letter ({@code (B) behind}, {@code B)}, {@code b.}) or an option text; one option
 * is named somewhere in it. Any second, un-negated choice makes the region ambiguous, and a letter
 * whose option text names a different option is a contradiction: both read as no answer.
 */
final class RegionReader {

  /** What a region says. */
  enum Kind {
    CHOICE,
    AMBIGUOUS,
    NONE
  }

  /** The reading of one region; {@code letter} is present exactly for {@link Kind#CHOICE}. */
  record Reading(Kind kind, Optional<String> letter, String rule) {
    static Reading choice(char letter, String rule) {
      return new Reading(Kind.CHOICE, Optional.of(String.valueOf(letter)), rule);
    }

    static Reading ambiguous(String rule) {
      return new Reading(Kind.AMBIGUOUS, Optional.empty(), rule);
    }

    static Reading none(String rule) {
      return new Reading(Kind.NONE, Optional.empty(), rule);
    }
  }

  private static final Pattern EXACT_LETTER = Pattern.compile("^[(\\[]?([A-Za-z])[)\\]]?[.:]?$");
  private static final Pattern LEAD_PAREN = Pattern.compile("^[(\\[]([A-Za-z])[)\\]]\\s*(.*)$");
  private static final Pattern LEAD_PUNCT =
      Pattern.compile("^([A-Za-z])[).:](?![A-Za-z]\\.)\\s*(.*)$");
  private static final Pattern LEAD_BARE = Pattern.compile("^([A-Z])(?:\\s*[-–—,]\\s*|\\s+)(.*)$");
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
  private static final Pattern NEGATED_AFTER =
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
  private static final Pattern HYPOTHETICAL =
      Pattern.compile("(?i)(?:if|suppose|supposing|assuming|assume|in case|were)\\b");
  private static final Pattern REFUSAL =
      Pattern.compile(
          "(?i)\\b(?:i'?m sorry|i am sorry|(?:can't|cannot|can not|unable to|not possible to|impossible to)"
              + "\\s+(?:\\w+\\s+)?(?:determine|tell|say|answer|see|know|assist|help))");
  private static final Pattern SENTENCE_START = Pattern.compile("[A-Z][a-z]");
  private static final Pattern FIRST_WORD = Pattern.compile("[a-z]+");
  private static final Pattern ABBREVIATION_TAIL = Pattern.compile("\\.[A-Za-z]");
  private static final Pattern CLAUSE_END =
      Pattern.compile("[.!?;](?:\\s|$)|\\s[-–—]\\s|\\b(?:because|since|as)\\b|\\n");
  private static final Pattern JOINED_ALTERNATIVE =
      Pattern.compile("^\\s*(?:or|and|/|vs\\.?|versus)\\s+(.*)$", Pattern.CASE_INSENSITIVE);

  /** Words after a bare {@code A} or {@code I} that make it a letter rather than an article. */
  private static final Set<String> LETTER_FOLLOWERS =
      Set.of(
          "or",
          "and",
          "is",
          "are",
          "was",
          "seems",
          "appears",
          "looks",
          "would",
          "should",
          "could",
          "might",
          "may",
          "because",
          "since",
          "as",
          "then",
          "also",
          "vs",
          "versus",
          "instead",
          "rather",
          "only",
          "too",
          "fits",
          "matches",
          "describes",
          "shows",
          "best",
          "correctly",
          "here",
          "indeed");

  private static final List<String> NUMBER_WORDS =
      List.of(
          "zero",
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "eleven",
          "twelve",
          "thirteen",
          "fourteen",
          "fifteen",
          "sixteen",
          "seventeen",
          "eighteen",
          "nineteen",
          "twenty");

  /** Words after a leading letter that commit to it. */
  private static final Set<String> AFFIRMING =
      Set.of(
          "is",
          "because",
          "since",
          "as",
          "fits",
          "matches",
          "describes",
          "best",
          "correctly",
          "indeed");

  // A contrast after the only option named ("(A) seems plausible, but …") withdraws it.
  private static final Pattern CONTRAST =
      Pattern.compile("(?i)\\b(?:but|however|although|though|yet|otherwise|whereas)\\b");

  private final Choices choices;
  private final List<String> folded;
  // Other spellings of an option: the word for a small whole number ("3" is also "three").
  private final List<String> words;

  RegionReader(Choices choices) {
    this.choices = choices;
    List<String> f = new ArrayList<>(choices.size());
    List<String> w = new ArrayList<>(choices.size());
    for (String o : choices.options()) {
      String folded = AnswerText.fold(o);
      f.add(folded);
      w.add(
          folded.matches("\\d{1,2}") && Integer.parseInt(folded) < NUMBER_WORDS.size()
              ? NUMBER_WORDS.get(Integer.parseInt(folded))
              : "");
    }
    this.folded = List.copyOf(f);
    this.words = List.copyOf(w);
  }

  /**
   * Reads a region. When {@code strict}, only a region that is itself an answer (a letter, an
   * option text, or one starting with a letter) counts; mentions inside a sentence do not.
   */
  Reading read(String region, boolean strict) {
    String r = AnswerText.clean(region);
    if (r.isEmpty()) {
      return Reading.none("empty");
    }
    Matcher exact = EXACT_LETTER.matcher(r);
    if (exact.matches()) {
      char c = Character.toUpperCase(exact.group(1).charAt(0));
      return choices.hasLetter(c) ? Reading.choice(c, "letter") : Reading.none("letter-not-option");
    }
    Optional<Integer> whole = exactOption(r.toLowerCase(Locale.ROOT));
    if (whole.isPresent()) {
      return Reading.choice(letterOf(whole.get()), "option-text");
    }
    if (AnswerText.isPlaceholder(r)) {
      return Reading.none("placeholder");
    }
    Optional<Reading> lead = leadingLetter(r);
    if (lead.isPresent()) {
      return lead.get();
    }
    if (strict) {
      // A line of prose that merely starts with an option's words ("Left of the lamp ...") is
      // not an answer.
      return Reading.none("not-an-answer-line");
    }
    Optional<Reading> leadText = leadingOptionText(r);
    if (leadText.isPresent()) {
      return leadText.get();
    }
    return scan(r);
  }

  private Optional<Reading> leadingLetter(String r) {
    Matcher m = LEAD_PAREN.matcher(r);
    if (!m.matches()) {
      m = LEAD_PUNCT.matcher(r);
    }
    if (!m.matches()) {
      m = LEAD_BARE.matcher(r);
      if (!m.matches() || !bareLetterCommits(m.group(1).charAt(0), m.group(2))) {
        return Optional.empty();
      }
    }
    char c = Character.toUpperCase(m.group(1).charAt(0));
    String rest = m.group(2);
    if (NEGATED_AFTER.matcher(rest.toLowerCase(Locale.ROOT)).find()) {
      return Optional.empty(); // "A is wrong, so B": read the whole region instead
    }
    if (!choices.hasLetter(c)) {
      return Optional.of(Reading.none("letter-not-option"));
    }
    Optional<Integer> textIndex = leadingOptionIndex(rest.toLowerCase(Locale.ROOT));
    if (textIndex.isPresent()
        && textIndex.get() != c - 'A'
        && !startsWithOption(rest.toLowerCase(Locale.ROOT), c - 'A')) {
      return Optional.of(Reading.ambiguous("letter-text-conflict"));
    }
    // "B. At first (A) seemed …": the full stop after the letter closed the answer's clause.
    boolean sentenceAfter =
        r.length() > 1 && r.charAt(1) == '.' && SENTENCE_START.matcher(rest).lookingAt();
    if (!sentenceAfter && hasOtherChoice(firstClause(rest), c)) {
      return Optional.of(Reading.ambiguous("second-choice"));
    }
    return Optional.of(Reading.choice(c, "leading-letter"));
  }

  /**
   * Whether a letter at the start, followed by a space, is the answer: "B because …", "B is
   * correct", "B behind" — not "A would mean …" (a conditional) nor "A cat …" (an article).
   */
  private boolean bareLetterCommits(char c, String rest) {
    String lower = rest.toLowerCase(Locale.ROOT);
    if (choices.hasLetter(c) && startsWithOption(lower, c - 'A')) {
      return true;
    }
    Matcher w = FIRST_WORD.matcher(lower);
    String word = w.lookingAt() ? w.group() : "";
    return word.isEmpty() || AFFIRMING.contains(word);
  }

  private boolean bareLetterStandsAlone(char c, String rest) {
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

  private Optional<Reading> leadingOptionText(String r) {
    String lower = r.toLowerCase(Locale.ROOT);
    Optional<Integer> idx = leadingOptionIndex(lower);
    if (idx.isEmpty()) {
      return Optional.empty();
    }
    char c = letterOf(idx.get());
    String rest = r.substring(folded.get(idx.get()).length());
    Matcher alt = JOINED_ALTERNATIVE.matcher(rest);
    if (alt.matches()) {
      Optional<Integer> other = leadingOptionIndex(alt.group(1).toLowerCase(Locale.ROOT));
      if (other.isPresent() && other.get() != idx.get()) {
        return Optional.of(Reading.ambiguous("two-option-texts"));
      }
    }
    if (hasOtherChoice(firstClause(rest), c)) {
      return Optional.of(Reading.ambiguous("second-choice"));
    }
    return Optional.of(Reading.choice(c, "leading-option-text"));
  }

  private Reading scan(String r) {
    if (HYPOTHETICAL.matcher(r).lookingAt()) {
      return Reading.none("hypothetical");
    }
    if (REFUSAL.matcher(r).find()) {
      return Reading.none("refusal");
    }
    Set<Character> found = new TreeSet<>();
    int lastMention = -1;
    List<Ref> refs = new ArrayList<>(letterRefs(r));
    refs.addAll(optionTextHits(r));
    for (Ref ref : refs) {
      found.add(ref.letter());
      lastMention = Math.max(lastMention, ref.end());
    }
    if (found.size() == 1) {
      if (CONTRAST.matcher(r).region(lastMention, r.length()).find()) {
        return Reading.ambiguous("mention-then-contrast");
      }
      return Reading.choice(found.iterator().next(), "mentioned");
    }
    return found.isEmpty() ? Reading.none("no-choice") : Reading.ambiguous("several-choices");
  }

  /**
   * The text up to the end of the clause that states the answer: "(B) right. Unlike (A), …" states
   * B and then explains; "(C), no wait (D)" and "(A) left (B) right" stay in one clause.
   */
  private static String firstClause(String rest) {
    Matcher m = CLAUSE_END.matcher(rest);
    return m.find() ? rest.substring(0, m.start()) : rest;
  }

  /** True when the text names, un-negated, an option other than {@code chosen}. */
  private boolean hasOtherChoice(String text, char chosen) {
    for (Ref ref : letterRefs(text)) {
      if (ref.letter() != chosen) {
        return true;
      }
    }
    return false;
  }

  private record Ref(char letter, int start, int end) {}

  /** Un-negated letter mentions of options: {@code (B)}, {@code option b}, a bare {@code B}. */
  private List<Ref> letterRefs(String s) {
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
    return bareLetterStandsAlone(c, t);
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
  private static boolean negated(String s, int start, int end) {
    String before = s.substring(Math.max(0, start - 30), start).toLowerCase(Locale.ROOT);
    String after = s.substring(end, Math.min(s.length(), end + 30)).toLowerCase(Locale.ROOT);
    return NEGATED_BEFORE.matcher(before).find()
        || NEGATED_AFTER.matcher(after).find()
        || SUPPOSED_BEFORE.matcher(before).find()
        || SUPPOSED_AFTER.matcher(after).find();
  }

  /** Un-negated occurrences of option texts as whole words (longest first). */
  private List<Ref> optionTextHits(String r) {
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

  private Optional<Integer> exactOption(String lower) {
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
  private Optional<Integer> leadingOptionIndex(String lower) {
    int best = -1;
    for (int i = 0; i < folded.size(); i++) {
      if (startsWithOption(lower, i)
          && (best < 0 || folded.get(i).length() > folded.get(best).length())) {
        best = i;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(best);
  }

  private boolean startsWithOption(String lower, int i) {
    String o = folded.get(i);
    if (o.isEmpty() || (o.length() == 1 && Character.isLetter(o.charAt(0)))) {
      return false;
    }
    return lower.startsWith(o) && wordBoundary(lower, 0, o.length());
  }

  private static int words(String s) {
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

  private static char letterOf(int index) {
    return (char) ('A' + index);
  }
}
