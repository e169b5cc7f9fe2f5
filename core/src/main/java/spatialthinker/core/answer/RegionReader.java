package spatialthinker.core.answer;

import java.util.ArrayList;
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
  private static final Pattern HYPOTHETICAL =
      Pattern.compile("(?i)(?:if|suppose|supposing|assuming|assume|in case|were)\\b");
  private static final Pattern REFUSAL =
      Pattern.compile(
          "(?i)\\b(?:i'?m sorry|i am sorry|(?:can't|cannot|can not|unable to|not possible to|impossible to)"
              + "\\s+(?:\\w+\\s+)?(?:determine|tell|say|answer|see|know|assist|help))");
  private static final Pattern SENTENCE_START = Pattern.compile("[A-Z][a-z]");
  private static final Pattern FIRST_WORD = Pattern.compile("[a-z]+");
  private static final Pattern CLAUSE_END =
      Pattern.compile("[.!?;](?:\\s|$)|\\s[-–—]\\s|\\b(?:because|since|as)\\b|\\n");
  private static final Pattern JOINED_ALTERNATIVE =
      Pattern.compile("^\\s*(?:or|and|/|vs\\.?|versus)\\s+(.*)$", Pattern.CASE_INSENSITIVE);

  /** Words after a leading letter that commit to it. */
  private static final Set<String> AFFIRMING =
      Set.of("is because since as fits matches describes best correctly indeed".split(" "));

  // A contrast after the only option named ("(A) seems plausible, but …") withdraws it.
  private static final Pattern CONTRAST =
      Pattern.compile("(?i)\\b(?:but|however|although|though|yet|otherwise|whereas)\\b");

  private final Choices choices;
  private final Mentions mentions;

  RegionReader(Choices choices) {
    this.choices = choices;
    this.mentions = new Mentions(choices);
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
    Optional<Integer> whole = mentions.exactOption(r.toLowerCase(Locale.ROOT));
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
    if (Mentions.NEGATED_AFTER.matcher(rest.toLowerCase(Locale.ROOT)).find()) {
      return Optional.empty(); // "A is wrong, so B": read the whole region instead
    }
    if (!choices.hasLetter(c)) {
      return Optional.of(Reading.none("letter-not-option"));
    }
    Optional<Integer> textIndex = mentions.leadingOption(rest.toLowerCase(Locale.ROOT));
    if (textIndex.isPresent()
        && textIndex.get() != c - 'A'
        && !mentions.startsWithOption(rest.toLowerCase(Locale.ROOT), c - 'A')) {
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
    if (choices.hasLetter(c) && mentions.startsWithOption(lower, c - 'A')) {
      return true;
    }
    Matcher w = FIRST_WORD.matcher(lower);
    String word = w.lookingAt() ? w.group() : "";
    return word.isEmpty() || AFFIRMING.contains(word);
  }

  private Optional<Reading> leadingOptionText(String r) {
    String lower = r.toLowerCase(Locale.ROOT);
    Optional<Integer> idx = mentions.leadingOption(lower);
    if (idx.isEmpty()) {
      return Optional.empty();
    }
    char c = letterOf(idx.get());
    String rest = r.substring(mentions.folded(idx.get()).length());
    Matcher alt = JOINED_ALTERNATIVE.matcher(rest);
    if (alt.matches()) {
      Optional<Integer> other = mentions.leadingOption(alt.group(1).toLowerCase(Locale.ROOT));
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
    List<Mentions.Ref> refs = new ArrayList<>(mentions.letters(r));
    refs.addAll(mentions.optionTexts(r));
    for (Mentions.Ref ref : refs) {
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
    for (Mentions.Ref ref : mentions.letters(text)) {
      if (ref.letter() != chosen) {
        return true;
      }
    }
    return false;
  }

  private static char letterOf(int index) {
    return (char) ('A' + index);
  }
}
