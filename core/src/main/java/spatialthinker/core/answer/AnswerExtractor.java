package spatialthinker.core.answer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model's chosen option (or free-form answer) from its raw response, conservatively: a
 * response that names two different options, or none, gives no answer, never a default letter.
 *
 * <p>Where the answer is looked for, in order: every {@code <answer>…</answer>} block (an unclosed
 * last block runs to the end, as a truncated response does); else the text after explicit markers
 * ({@code Answer:}, {@code The answer is}, {@code Final answer}, {@code I choose}); else the whole
 * response when it is short (two lines, 160 characters); else only a last line that is itself an
 * answer ({@code (B) behind}, {@code B}). Each place is read by the rules of {@link Choices}-aware
 * reading: {@code (B) behind}, {@code B}, {@code B)}, {@code b.}, {@code **B**}, the option text
 * alone, a single option named in a sentence; negated mentions ({@code not A}) do not count.
 *
 * <p>Thread-safe and total: any string (including {@code null}) gives a result.
 */
public final class AnswerExtractor {

  private static final Pattern OPEN = Pattern.compile("(?i)<answer>");
  private static final Pattern CLOSE = Pattern.compile("(?i)</answer\\s*>?");
  private static final Pattern EXAMPLE_BEFORE = Pattern.compile("(?i)e\\.\\s?g\\.?,?\\s*$");
  // Spaces, not line breaks: "right\n\nOption A …" is no "right option" marker.
  private static final Pattern MARKER =
      Pattern.compile(
          "(?i)(?:\\b(?:final|correct|best|right)[ \\t]+(?:answer|option|choice)\\b"
              + "(?:[ \\t]+(?:is|would[ \\t]+be|should[ \\t]+be|will[ \\t]+be|must[ \\t]+be))?[ \\t]*[:：=\\-–—]?"
              + "|\\banswer\\b[ \\t]*(?:is|would[ \\t]+be|should[ \\t]+be|will[ \\t]+be|must[ \\t]+be)?[ \\t]*[:：=]"
              + "|\\banswer[ \\t]+(?:is|would[ \\t]+be|should[ \\t]+be|will[ \\t]+be|must[ \\t]+be)\\b"
              + "|\\bi(?:[ \\t]+would|[ \\t]+will|'d|’d)?[ \\t]+(?:choose|pick|select|go[ \\t]+with"
              + "|lean[ \\t]+towards?)\\b[ \\t]*:?)");
  private static final int SHORT_CHARS = 160;
  private static final int SHORT_LINES = 2;
  private static final int REGION_CAP = 400;

  /** Where the answer was looked for. */
  private record Located(String via, List<String> regions, boolean strict, Set<Integer> hedged) {
    Located(String via, List<String> regions, boolean strict) {
      this(via, regions, strict, Set.of());
    }
  }

  // "I do not believe the answer is A", "I'm not sure the answer is A": the marker is disowned.
  private static final Pattern HEDGE_BEFORE =
      Pattern.compile(
          "(?i)(?:\\bnot|n't)\\s+(?:\\w+\\s+)?(?:think|believe|sure|certain|say|confident)\\b[^.!?\\n]*$");

  /**
   * The option a response chooses.
   *
   * @param response the model's raw output
   * @param choices the question's options; must not be empty (see {@link #extractFreeForm})
   * @return the letter, or empty with the reason
   */
  public Extraction extract(String response, Choices choices) {
    if (choices.isEmpty()) {
      throw new IllegalArgumentException(
          "choices must not be empty for a multiple-choice answer; use extractFreeForm");
    }
    String text = response == null ? "" : response;
    RegionReader reader = new RegionReader(choices);
    Located loc = locate(text);
    Extraction e = read(loc, reader);
    if (loc.via().equals("marker") && !e.isPresent() && e.rule().endsWith("/unanswered")) {
      // "B is the correct answer": the marker comes after the answer.
      Extraction unmarked = read(locateUnmarked(AnswerText.unwrap(text)), reader);
      return unmarked.isPresent() ? unmarked : e;
    }
    return e;
  }

  private static Extraction read(Located loc, RegionReader reader) {
    if (loc.regions().isEmpty()) {
      return Extraction.none(loc.via());
    }
    Set<String> letters = new LinkedHashSet<>();
    String lastRule = "none";
    boolean ambiguousSeen = false;
    for (int i = 0; i < loc.regions().size(); i++) {
      RegionReader.Reading r =
          loc.hedged().contains(i)
              ? new RegionReader.Reading(
                  RegionReader.Kind.AMBIGUOUS, Optional.empty(), "hedged-marker")
              : reader.read(loc.regions().get(i), loc.strict());
      boolean last = i == loc.regions().size() - 1;
      switch (r.kind()) {
        case CHOICE -> {
          letters.add(r.letter().orElseThrow());
          lastRule = r.rule();
        }
        case AMBIGUOUS -> {
          // An early marker that weighs several options is discussion; an ambiguous answer
          // block, or the final marker, is the model hedging.
          if (last || loc.via().equals("answer-tag")) {
            return Extraction.none(loc.via() + "/" + r.rule());
          }
          ambiguousSeen = true;
        }
        case NONE -> {
          if (letters.isEmpty()) {
            lastRule = r.rule();
          }
        }
      }
    }
    if (letters.size() > 1) {
      return Extraction.none(loc.via() + "/conflicting-answers");
    }
    if (letters.isEmpty()) {
      return Extraction.none(loc.via() + "/" + lastRule + (ambiguousSeen ? "" : "/unanswered"));
    }
    return new Extraction(Optional.of(letters.iterator().next()), loc.via() + "/" + lastRule);
  }

  /**
   * A yes/no answer: {@code "yes"} or {@code "no"}, read as the choice between options Yes and No.
   */
  public Extraction extractYesNo(String response) {
    Extraction e = extract(response, Choices.YES_NO);
    return new Extraction(e.answer().map(l -> l.equals("A") ? "yes" : "no"), e.rule());
  }

  /**
   * A free-form answer (a number, a word) in the normal form {@link FreeFormAnswer#normalize}
   * gives; empty when the places looked in disagree or hold nothing.
   */
  public Extraction extractFreeForm(String response) {
    Located loc = locate(response == null ? "" : response);
    if (!loc.hedged().isEmpty()) {
      return Extraction.none(loc.via() + "/hedged-marker");
    }
    Set<String> answers = new LinkedHashSet<>();
    for (String region : loc.regions()) {
      String cleaned = AnswerText.clean(region);
      if (loc.strict() && cleaned.split("\\s+").length > 5) {
        continue;
      }
      if (!AnswerText.isPlaceholder(cleaned)) {
        answers.add(FreeFormAnswer.normalize(cleaned));
      }
    }
    answers.remove("");
    if (answers.size() != 1) {
      return Extraction.none(loc.via() + (answers.isEmpty() ? "/empty" : "/conflicting-answers"));
    }
    return new Extraction(Optional.of(answers.iterator().next()), loc.via() + "/free-form");
  }

  private static Located locate(String response) {
    String text = AnswerText.unwrap(response);
    List<String> blocks = answerBlocks(text);
    if (!blocks.isEmpty()) {
      return new Located("answer-tag", blocks, false);
    }
    if (OPEN.matcher(text).find()) {
      return new Located("answer-tag", List.of(), false);
    }
    Set<Integer> hedged = new java.util.HashSet<>();
    List<String> marked = markerRegions(text, hedged);
    if (!marked.isEmpty()) {
      return new Located("marker", marked, false, hedged);
    }
    return locateUnmarked(text);
  }

  private static Located locateUnmarked(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return new Located("empty", List.of(), false);
    }
    if (trimmed.length() <= SHORT_CHARS && trimmed.lines().count() <= SHORT_LINES) {
      return new Located("short", List.of(trimmed), false);
    }
    // A long response without markers counts only where a line is itself an answer: the first
    // ("B\n\nExplanation: ...") or the last ("...\n\n(B) behind").
    List<String> lines = trimmed.lines().filter(l -> !l.isBlank()).toList();
    String first = lines.get(0);
    String last = lines.get(lines.size() - 1);
    return new Located("edge-line", List.of(cap(first), cap(last)), true);
  }

  /** Contents of the answer blocks; an open tag followed by another open tag is prose. */
  private static List<String> answerBlocks(String text) {
    List<int[]> opens = new ArrayList<>();
    Matcher m = OPEN.matcher(text);
    while (m.find()) {
      opens.add(new int[] {m.start(), m.end()});
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < opens.size(); k++) {
      int from = opens.get(k)[1];
      int nextOpen = k + 1 < opens.size() ? opens.get(k + 1)[0] : text.length();
      Matcher close = CLOSE.matcher(text).region(from, nextOpen);
      String content;
      if (close.find()) {
        content = text.substring(from, close.start());
      } else if (k == opens.size() - 1) {
        content = text.substring(from); // truncated: the last block runs to the end
      } else {
        continue;
      }
      String before = text.substring(Math.max(0, opens.get(k)[0] - 12), opens.get(k)[0]);
      if (EXAMPLE_BEFORE.matcher(before).find()) {
        continue; // the prompt's own example, echoed back
      }
      out.add(cap(content));
    }
    return out;
  }

  /** The rest of the line after each marker, or the next non-blank line when that is empty. */
  private static List<String> markerRegions(String text, Set<Integer> hedged) {
    List<int[]> marks = new ArrayList<>();
    Matcher m = MARKER.matcher(text);
    while (m.find()) {
      marks.add(new int[] {m.start(), m.end()});
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < marks.size(); k++) {
      int start = marks.get(k)[0];
      if (HEDGE_BEFORE.matcher(text.substring(Math.max(0, start - 60), start)).find()) {
        hedged.add(k);
      }
      int from = marks.get(k)[1];
      int nextMark = k + 1 < marks.size() ? marks.get(k + 1)[0] : text.length();
      int nl = text.indexOf('\n', from);
      int end = nl < 0 || nl > nextMark ? -1 : nl;
      String tail = end < 0 ? text.substring(from, nextMark) : text.substring(from, end);
      if (tail.isBlank() && end >= 0) {
        tail =
            text.substring(end + 1, nextMark)
                .lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElse("");
      }
      out.add(cap(tail));
    }
    return out;
  }

  private static String cap(String s) {
    return s.length() <= REGION_CAP ? s : s.substring(0, REGION_CAP);
  }
}
