package spatialthinker.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded, realistic model outputs (SpatialThinker format, chain of thought with a closing answer,
 * terse replies, refusals and hedges) whose right reading is known by construction. The reasoning
 * in them names options, letters and objects freely, as real outputs do.
 */
class RealisticOutputsTest {

  private static final AnswerExtractor EXTRACTOR = new AnswerExtractor();
  private static final List<List<String>> OPTIONS =
      List.of(
          List.of("left", "right"),
          List.of("behind", "in front of"),
          List.of("1", "2", "3", "4"),
          List.of("the chair", "the lamp", "the table"),
          List.of("Yes", "No"),
          List.of("A is closer", "B is closer"));
  private static final String[] MUSINGS = {
    "The image shows a living room with a sofa, a lamp and a small table.",
    "Option A would mean the object is on the other side, which does not match the shadows.",
    "Let me compare the bounding boxes of the two objects carefully.",
    "A careful look at the edges of the objects helps here.",
    "At first glance (A) seems plausible, but the perspective says otherwise.",
    "I need to be careful about the camera's point of view.",
    "Both objects are partly occluded, so I rely on their bases.",
    "The relation holds from the viewer's perspective, not the object's."
  };

  private record Case(String response, Choices choices, Optional<String> expected) {}

  private static Case make(SplittableRandom rnd) {
    List<String> opts = OPTIONS.get(rnd.nextInt(OPTIONS.size()));
    Choices ch = new Choices(opts);
    int k = rnd.nextInt(opts.size());
    String letter = Choices.letter(k);
    String text = opts.get(k);
    StringBuilder think = new StringBuilder();
    for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
      think.append(MUSINGS[rnd.nextInt(MUSINGS.length)]).append(' ');
    }
    String reasoning = think.toString().strip();
    int style = rnd.nextInt(17);
    return switch (style) {
      case 0 ->
          new Case(
              "<observe>"
                  + reasoning
                  + "</observe>\n<scene>{\"objects\": [{\"id\": \"chair.1\", \"bbox\": [12, 40, 88, 130]},"
                  + " {\"id\": \"lamp.1\", \"bbox\": [140, 10, 180, 120]}], \"relationships\":"
                  + " [{\"subject\": \"lamp.1\", \"predicate\": \"right of\", \"object\":"
                  + " \"chair.1\"}]}</scene>\n<think>"
                  + reasoning
                  + " So the answer is ("
                  + Choices.letter((k + 1) % opts.size())
                  + ")? No - looking again it is clearly the other one.</think>\n<answer>("
                  + letter
                  + ") "
                  + text
                  + "</answer>",
              ch,
              Optional.of(letter));
      case 1 ->
          new Case(
              "<think>" + reasoning + "</think>\n<answer>" + text + "</answer>",
              ch,
              Optional.of(letter));
      case 2 ->
          new Case(
              reasoning + "\n\nTherefore, the answer is (" + letter + ").",
              ch,
              Optional.of(letter));
      case 3 ->
          new Case(reasoning + "\n\n**Answer:** " + letter + ") " + text, ch, Optional.of(letter));
      case 4 -> new Case("(" + letter + ") " + text + "\n\n" + reasoning, ch, Optional.of(letter));
      case 5 -> new Case(letter, ch, Optional.of(letter));
      case 6 -> new Case(reasoning + "\nFinal answer: " + text, ch, Optional.of(letter));
      case 7 ->
          new Case(
              reasoning + "\nI cannot determine the answer from this image.", ch, Optional.empty());
      case 8 ->
          new Case(
              reasoning
                  + "\nIt could be ("
                  + letter
                  + ") or ("
                  + Choices.letter((k + 1) % opts.size())
                  + ").",
              ch,
              Optional.empty());
      case 9 ->
          new Case("<think>" + reasoning + "</think>\n<answer></answer>", ch, Optional.empty());
      case 10 ->
          new Case(
              "<think>"
                  + reasoning
                  + "</think>\n<answer>("
                  + letter
                  + ") "
                  + text
                  + " or ("
                  + Choices.letter((k + 1) % opts.size())
                  + ")</answer>",
              ch,
              Optional.empty());
      case 12 ->
          new Case(
              reasoning + " So the correct answer is:\n\n(" + letter + ") " + text,
              ch,
              Optional.of(letter));
      case 13 ->
          new Case(
              "<answer>(" + letter + ") " + text + ". " + reasoning + "</answer>",
              ch,
              Optional.of(letter));
      case 14 -> new Case(reasoning + "\nThe answer is " + letter + ".", ch, Optional.of(letter));
      case 15 ->
          new Case(
              "I'm sorry, but I can't determine that from the image. " + reasoning,
              ch,
              Optional.empty());
      case 16 ->
          new Case(
              reasoning
                  + "\n\nNeither ("
                  + letter
                  + ") nor ("
                  + Choices.letter((k + 1) % opts.size())
                  + ") fits the image.",
              ch,
              Optional.empty());
      default ->
          new Case(
              "<observe>"
                  + reasoning
                  + "</observe>\n<scene>{\"objects\": []}</scene>\n<think>"
                  + reasoning
                  + "</think>\n<answer>("
                  + letter,
              ch,
              Optional.of(letter));
    };
  }

  @Test
  void readsTenThousandRealisticOutputsAsTheirConstructionSays() {
    SplittableRandom rnd = new SplittableRandom(2025);
    List<String> wrong = new ArrayList<>();
    for (int n = 0; n < 10_000; n++) {
      Case c = make(rnd);
      Extraction e = EXTRACTOR.extract(c.response(), c.choices());
      if (!e.answer().equals(c.expected())) {
        wrong.add(c.expected() + " but " + e.answer() + " via " + e.rule() + ": " + c.response());
      }
    }
    assertThat(wrong).isEmpty();
  }
}
