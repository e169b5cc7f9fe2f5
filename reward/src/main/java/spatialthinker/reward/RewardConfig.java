package spatialthinker.reward;

import java.util.Objects;
import spatialthinker.core.parse.ParseLimits;

/**
 * Configuration of a {@link DenseReward}.
 *
 * @param name the preset name reported by {@link Reward#name()}
 * @param weights component weights
 * @param gateSpatialOnAccuracy when true (the paper), the spatial term counts only if the answer is
 *     right
 * @param limits caps on response length and scene size
 */
public record RewardConfig(
    String name, RewardWeights weights, boolean gateSpatialOnAccuracy, ParseLimits limits) {

  public RewardConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(limits, "limits");
  }

  /** The paper's dense reward. */
  public static RewardConfig paper() {
    return new RewardConfig("dense", RewardWeights.PAPER, true, ParseLimits.DEFAULT);
  }
}
