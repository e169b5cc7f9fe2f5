package spatialthinker.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Options with the correct one first, and helpers to pick distractors and phrasings. */
record Choice(List<String> options, int answer) {

  static final String YES = "yes";
  static final String NO = "no";

  /**
   * The answer followed by up to {@code max} distractors drawn from {@code distractors} (each
   * already known to be false), in random order.
   */
  static Choice of(String answer, List<String> distractors, int max, SplittableRandom r) {
    List<String> pool = new ArrayList<>(distractors);
    pool.removeIf(d -> d.equalsIgnoreCase(answer));
    List<String> out = new ArrayList<>();
    out.add(answer);
    while (out.size() <= max && !pool.isEmpty()) {
      out.add(pool.remove(r.nextInt(pool.size())));
    }
    return new Choice(out, 0);
  }

  /** The two options {@code yes} and {@code no}. */
  static Choice yesNo(boolean yes) {
    return new Choice(List.of(YES, NO), yes ? 0 : 1);
  }

  /** One of the phrasings, at random. */
  static String pick(String[] phrasings, SplittableRandom r) {
    return phrasings[r.nextInt(phrasings.length)];
  }

  /** {@code a} or {@code an} for a noun phrase. */
  static String article(String noun) {
    return "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an" : "a";
  }
}
