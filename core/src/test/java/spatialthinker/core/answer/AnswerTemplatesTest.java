package spatialthinker.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every answer template crossed with every option of several option sets: the templates that commit
 * to one option must read as that option, the hedges as no answer.
 */
class AnswerTemplatesTest {

  private static final AnswerExtractor EXTRACTOR = new AnswerExtractor();

  private static final List<List<String>> OPTION_SETS =
      List.of(
          List.of("left", "right"),
          List.of("behind", "in front of"),
          List.of("2", "3", "4", "5"),
          List.of("the red cup", "the blue bowl", "the green vase"),
          List.of("A is closer", "B is closer"),
          List.of("Yes", "No"),
          List.of("above", "below", "left of", "right of"));

  /** Templates given (letter, option text) that commit to that option. */
  private static final List<BiFunction<String, String, String>> COMMITTED =
      List.of(
          (l, t) -> l,
          (l, t) -> l.toLowerCase(),
          (l, t) -> "(" + l + ")",
          (l, t) -> l + ")",
          (l, t) -> l.toLowerCase() + ".",
          (l, t) -> "**" + l + "**",
          (l, t) -> "Answer: " + l,
          (l, t) -> "The answer is (" + l + ").",
          (l, t) -> "The correct answer is " + l + ".",
          (l, t) -> "Final Answer: (" + l + ") " + t,
          (l, t) -> "(" + l + ") " + t,
          (l, t) -> l + ") " + t,
          (l, t) -> l + ". " + t,
          (l, t) -> t,
          (l, t) -> t + ".",
          (l, t) -> "**" + t + "**",
          (l, t) -> "<answer>" + l + "</answer>",
          (l, t) -> "<answer>(" + l + ") " + t + "</answer>",
          (l, t) -> "<answer> " + t + " </answer>",
          (l, t) ->
              "<think>Looking at the image carefully.</think>\n<answer>("
                  + l
                  + ") "
                  + t
                  + "</answer>",
          (l, t) ->
              "<observe>Objects on a table.</observe>\n<scene>{\"objects\": [{\"id\": \"cup.1\","
                  + " \"bbox\": [10, 20, 60, 90]}], \"relationships\": []}</scene>\n<think>I compare"
                  + " the boxes.</think>\n<answer>("
                  + l
                  + ") "
                  + t
                  + "</answer>",
          (l, t) -> "<answer>(" + l + ") " + t,
          (l, t) -> "Option " + l,
          (l, t) -> "I choose " + l + ".",
          (l, t) -> l + ", because that is what the image shows.",
          (l, t) ->
              "Let me reason about this step by step, considering every object in the scene and"
                  + " its position relative to the camera and to the other objects.\n"
                  + "After weighing the evidence from the picture, one option fits.\n"
                  + "Answer: "
                  + l,
          (l, t) ->
              "Let me reason about this step by step, considering every object in the scene and"
                  + " its position relative to the camera and to the other objects.\n"
                  + "After weighing the evidence from the picture, one option fits.\n\n("
                  + l
                  + ") "
                  + t,
          (l, t) -> "**Answer:** " + l + "\n\nExplanation: the picture shows it plainly.");

  /** Templates given two different (letter, text) pairs that do not commit to either. */
  private static final List<Hedge> HEDGES =
      List.of(
          (a, ta, b, tb) -> a + " or " + b,
          (a, ta, b, tb) -> "(" + a + ") or (" + b + ")",
          (a, ta, b, tb) -> "Either " + ta + " or " + tb + ".",
          (a, ta, b, tb) -> "Both " + a + " and " + b + ".",
          (a, ta, b, tb) -> "(" + a + ") " + ta + " (" + b + ") " + tb,
          (a, ta, b, tb) -> "<answer>(" + a + ") " + ta + " (" + b + ") " + tb + "</answer>",
          (a, ta, b, tb) -> "<answer>" + a + "</answer> then <answer>" + b + "</answer>",
          (a, ta, b, tb) -> "I think it's (" + a + "), no wait (" + b + ")",
          (a, ta, b, tb) -> "Answer: " + a + ". Final answer: " + b + ".",
          (a, ta, b, tb) -> "(" + a + ") " + tb,
          (a, ta, b, tb) -> "<answer>" + a + " or " + b + "</answer>");

  @FunctionalInterface
  interface Hedge {
    String render(String a, String ta, String b, String tb);
  }

  static Stream<Arguments> committed() {
    List<Arguments> out = new ArrayList<>();
    for (List<String> options : OPTION_SETS) {
      for (int i = 0; i < options.size(); i++) {
        String letter = Choices.letter(i);
        for (int k = 0; k < COMMITTED.size(); k++) {
          out.add(Arguments.of(options, COMMITTED.get(k).apply(letter, options.get(i)), letter, k));
        }
      }
    }
    return out.stream();
  }

  static Stream<Arguments> hedged() {
    List<Arguments> out = new ArrayList<>();
    for (List<String> options : OPTION_SETS) {
      for (int i = 0; i < options.size(); i++) {
        int j = (i + 1) % options.size();
        for (int k = 0; k < HEDGES.size(); k++) {
          String r =
              HEDGES
                  .get(k)
                  .render(Choices.letter(i), options.get(i), Choices.letter(j), options.get(j));
          out.add(Arguments.of(options, r, k));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("committed")
  void committedTemplateReadsAsItsOption(
      List<String> options, String response, String letter, int template) {
    Extraction e = EXTRACTOR.extract(response, new Choices(options));
    assertThat(e.answer()).as("template %d, rule %s", template, e.rule()).contains(letter);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("hedged")
  void hedgeReadsAsNoAnswer(List<String> options, String response, int template) {
    Extraction e = EXTRACTOR.extract(response, new Choices(options));
    assertThat(e.answer()).as("hedge %d, rule %s", template, e.rule()).isEmpty();
  }

  @Test
  void randomTextNeverYieldsALetterOutsideTheOptions() {
    SplittableRandom rnd = new SplittableRandom(7);
    String alphabet = "ABCDEFGabcdefg ()[].,:*<>/answerAnswer\n";
    Choices two = Choices.of("left", "right");
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = rnd.nextInt(40);
      for (int k = 0; k < len; k++) {
        b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      Optional<String> a = EXTRACTOR.extract(b.toString(), two).answer();
      assertThat(a)
          .as(b.toString())
          .satisfiesAnyOf(x -> assertThat(x).isEmpty(), x -> assertThat(x.get()).isIn("A", "B"));
    }
  }

  @Test
  void nullAndHugeResponsesAreTotal() {
    Choices two = Choices.of("left", "right");
    assertThat(EXTRACTOR.extract(null, two).answer()).isEmpty();
    String huge = "x".repeat(2_000_000) + "\nAnswer: B";
    assertThat(EXTRACTOR.extract(huge, two).answer()).contains("B");
  }
}
