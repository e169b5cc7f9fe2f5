package spatialthinker.data;

import spatialthinker.core.prompt.SpatialThinkerPrompt;
import spatialthinker.core.prompt.StvqaProblem;

/**
 * The prompts a row carries: {@code problem} exactly as STVQA-7K writes it ({@link StvqaProblem}:
 * the generator's {@code <image> } prefix ending in {@code Image size: (W x H)}, then {@code \nQ. }
 * and the question with its options) and a plain reasoning template for the {@code <think>}/{@code
 * <answer>} baseline, whose question follows after a blank line.
 */
public final class Prompts {

  /** The SpatialThinker instruction, before the image size. */
  public static final String SPATIAL_THINKER = SpatialThinkerPrompt.INSTRUCTION;

  /** The plain reasoning instruction: think, then answer. */
  public static final String REASONING =
      "You FIRST think about the reasoning process as an internal monologue within <think>"
          + " </think> tags and then provide the final answer. The final answer MUST BE put within"
          + " <answer> </answer> tags, and only return the final choice including the correct"
          + " option and answer within the answer tags, e.g., <answer> (A) cat </answer>.";

  private Prompts() {}

  /** {@code Image size: (W x H)}. */
  public static String imageSize(int width, int height) {
    return SpatialThinkerPrompt.imageSize(width, height);
  }

  /** The STVQA-7K {@code problem} for a question with its options. */
  public static String spatialThinker(int width, int height, String questionWithOptions) {
    return StvqaProblem.of(width, height, questionWithOptions);
  }

  /** The plain reasoning prompt for a question with its options. */
  public static String reasoning(int width, int height, String questionWithOptions) {
    return REASONING + "\n\n" + imageSize(width, height) + "\n\n" + questionWithOptions;
  }

  /** The question followed by {@code Options:} and one {@code (A) text} line per option. */
  public static String withOptions(String question, java.util.List<String> options) {
    StringBuilder b = new StringBuilder(question).append("\nOptions:");
    for (int i = 0; i < options.size(); i++) {
      b.append("\n(").append((char) ('A' + i)).append(") ").append(options.get(i));
    }
    return b.toString();
  }
}
