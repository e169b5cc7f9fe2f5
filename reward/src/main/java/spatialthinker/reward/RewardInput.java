package spatialthinker.reward;

import java.util.Objects;

/**
 * One record to score, with the field names EasyR1 uses.
 *
 * @param response the model's raw output
 * @param groundTruth {@code <scene>{json}</scene>\n<answer>(B) behind</answer>}
 * @param problem the prompt; the dense reward reads {@code Image size: (W x H)} from it
 */
public record RewardInput(String response, String groundTruth, String problem) {

  public RewardInput {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(groundTruth, "ground_truth");
    Objects.requireNonNull(problem, "problem");
  }
}
