package spatialthinker.core.prompt;

/**
 * The SpatialThinker instruction as published with SpatialThinker-7B, and the image-size line the
 * training prompts, the evaluation prompts and the reference reward share: {@code Image size: (W x
 * H)}. Data synthesis and evaluation compose their prompts from these, so the text the policy is
 * trained on and the text it is evaluated with cannot drift apart.
 */
public final class SpatialThinkerPrompt {

  /** The instruction, before the image size. */
  public static final String INSTRUCTION =
      "You FIRST observe the image in <observe> </observe> tags, then visualise the relevant scene"
          + " graph in <scene> </scene> tags, followed by thinking about the reasoning process as"
          + " an internal monologue within <think> </think> tags and then provide the final"
          + " answer. The final answer MUST BE put within <answer> </answer> tags, and only return"
          + " the final choice including the correct option and answer within the answer tags,"
          + " e.g., <answer> (A) cat </answer>.";

  private SpatialThinkerPrompt() {}

  /** {@code Image size: (W x H)}, the form the reward reads back. */
  public static String imageSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + " x " + height);
    }
    return "Image size: (" + width + " x " + height + ")";
  }
}
