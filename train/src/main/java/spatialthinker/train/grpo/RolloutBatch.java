package spatialthinker.train.grpo;

import java.util.List;
import spatialthinker.train.data.QaExample;
import spatialthinker.train.model.Policy;

/**
 * One GRPO step's rollouts: for each prompt, {@code groupSize} consecutive rows holding the data
 * row, the image patches, the prompt tokens and a sampled response.
 *
 * @param rows the data row of each rollout
 * @param patches the image patches of each rollout ({@link Policy#patches})
 * @param prompts the prompt tokens of each rollout
 * @param responses the sampled response tokens of each rollout
 * @param groupSize rollouts per prompt
 */
record RolloutBatch(
    List<QaExample> rows,
    List<float[]> patches,
    List<int[]> prompts,
    List<int[]> responses,
    int groupSize) {

  RolloutBatch {
    rows = List.copyOf(rows);
    patches = List.copyOf(patches);
    prompts = List.copyOf(prompts);
    responses = List.copyOf(responses);
    int n = rows.size();
    if (patches.size() != n || prompts.size() != n || responses.size() != n) {
      throw new IllegalArgumentException(
          "rollout batch: "
              + n
              + " rows, "
              + patches.size()
              + " images, "
              + prompts.size()
              + " prompts, "
              + responses.size()
              + " responses");
    }
    if (groupSize < 2 || n % groupSize != 0) {
      throw new IllegalArgumentException(
          "rollout batch: " + n + " rollouts do not form groups of " + groupSize);
    }
  }

  /** Rollouts in the batch. */
  int size() {
    return rows.size();
  }

  /** Response tokens sampled, over all rollouts. */
  long generatedTokens() {
    return responses.stream().mapToLong(r -> r.length).sum();
  }
}
