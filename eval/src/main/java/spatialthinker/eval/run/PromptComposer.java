package spatialthinker.eval.run;

import java.util.List;
import spatialthinker.clients.ImagePart;
import spatialthinker.core.answer.Choices;
import spatialthinker.core.prompt.SpatialThinkerPrompt;
import spatialthinker.eval.benchmark.Benchmark;
import spatialthinker.eval.benchmark.PromptTemplate;
import spatialthinker.eval.load.ItemMeta;

/**
 * Composes the text of a prompt as the paper's evaluation script does: the benchmark's instruction
 * with its per-benchmark adjustment, wrapped in the chosen template. Differences from the script
 * (all listed in {@code docs/evaluation.md}): the SpatialThinker size line is filled in as {@code
 * Image size: (W x H)} with the size of the first image as sent, the answer example reads {@code
 * (A) cat} where the script leaves {@code ({correct_option}) {correct_answer}} unfilled, and
 * appended option lists start on their own line.
 */
public final class PromptComposer {

  static final String ANSWER_EXAMPLE = "<answer> (A) cat </answer>";

  /** The inference template published with SpatialThinker-7B, size line excluded. */
  static final String SPATIAL_THINKER_PREFIX = SpatialThinkerPrompt.INSTRUCTION;

  static final String REASONING_PREFIX =
      "You FIRST think about the reasoning process as an internal monologue and then provide the"
          + " final answer. The reasoning process MUST BE enclosed within <think> </think> tags."
          + " The final answer MUST BE put within <answer> </answer> tags, and only return the"
          + " final choice including the correct option and answer within the answer tags, e.g., "
          + ANSWER_EXAMPLE
          + ".";

  static final String DIRECT_LETTER_HINT =
      "Please answer directly with only the letter of the correct option and nothing else.";
  static final String FINAL_ANSWER_HINT = " Please give the final answer within answer tags.";
  static final String QUESTION_IN_IMAGE_HINT = "Please answer the question shown in the image.";
  static final String REASONING_END_HINT =
      "First output the thinking process in <think> </think> tags, followed by the final answer"
          + " within <answer> </answer> tags.";
  static final String VISION_HINT =
      "Hint: Please answer the question shown in the image. Provide the correct option letter,"
          + " e.g., A, B, C, D, E, at the end.";
  static final String YES_NO_HINT =
      "Hint: Please answer the question requiring an answer of yes or no.";

  private PromptComposer() {}

  /**
   * The prompt text of an item.
   *
   * @param images the images as they will be sent (after {@code ChatModel.prepareImage}); the first
   *     one's size is the size the SpatialThinker template states
   */
  public static String compose(
      Benchmark benchmark, ItemMeta item, PromptTemplate template, List<ImagePart> images) {
    String instruction = instruction(benchmark, item, template);
    String text =
        switch (template) {
          case SPATIAL_THINKER -> {
            ImagePart first = images.get(0);
            yield SPATIAL_THINKER_PREFIX
                + "\n\n"
                + SpatialThinkerPrompt.imageSize(first.width(), first.height())
                + "\n\nNow answer the following question:\n"
                + instruction;
          }
          case SPATIAL_THINKER_TRAIN -> {
            ImagePart first = images.get(0);
            yield SPATIAL_THINKER_PREFIX
                + "\n\nImage size: ("
                + first.width()
                + " x "
                + first.height()
                + ")\n\n"
                + instruction;
          }
          case REASONING -> REASONING_PREFIX + "\nQuestion: " + instruction;
          case NO_REASONING -> "Question: " + instruction;
          case REASONING_END -> "Question: " + instruction + "\n" + REASONING_END_HINT;
          // the script's vision and yes_no prompts are whole: nothing is appended to them
          case VISION ->
              item.choices().isEmpty()
                  ? VISION_HINT
                  : VISION_HINT + "\nChoices:\n" + optionLines(item.choices());
          case YES_NO -> YES_NO_HINT + "\nQuestion: " + instruction;
        };
    if (template == PromptTemplate.VISION || template == PromptTemplate.YES_NO) {
      return text;
    }
    return text + suffix(benchmark, item, template);
  }

  /** The instruction after the benchmark's adjustment, before the template wraps it. */
  private static String instruction(Benchmark b, ItemMeta item, PromptTemplate template) {
    String q = item.question();
    return switch (b.promptStyle()) {
      case REALWORLDQA ->
          template == PromptTemplate.SPATIAL_THINKER
                  || template == PromptTemplate.SPATIAL_THINKER_TRAIN
              ? q.replace(DIRECT_LETTER_HINT, "").strip()
              : q;
      case FINAL_ANSWER_HINT -> {
        String s = q.stripTrailing();
        yield (s.endsWith(".") ? s : s + ".") + FINAL_ANSWER_HINT;
      }
      default -> q;
    };
  }

  private static String suffix(Benchmark b, ItemMeta item, PromptTemplate template) {
    return switch (b.promptStyle()) {
      case YES_NO_OPTIONS -> "\nOptions:\n(A) Yes\n(B) No";
      case APPEND_OPTIONS -> "\nOptions:\n" + optionLines(item.choices());
      case QUESTION_IN_IMAGE ->
          "\n"
              + QUESTION_IN_IMAGE_HINT
              + (template == PromptTemplate.NO_REASONING
                  ? " Please give the final answer within answer tags, e.g., "
                      + ANSWER_EXAMPLE
                      + "."
                  : "")
              + "\nOptions:\n"
              + optionLines(item.choices());
      default -> "";
    };
  }

  public static String optionLines(Choices choices) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < choices.size(); i++) {
      if (i > 0) {
        b.append('\n');
      }
      b.append('(').append(Choices.letter(i)).append(") ").append(choices.options().get(i));
    }
    return b.toString();
  }
}
