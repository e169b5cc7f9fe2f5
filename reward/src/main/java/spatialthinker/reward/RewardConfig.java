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
 * @param clampSpatial when true, the spatial term and the overall reward are clamped to [0, 1];
 *     when false (the paper), they are the reference's values, which leave that range for inverted
 *     boxes ({@code x2 < x1}) and some extreme geometry
 */
public record RewardConfig(
    String name,
    RewardWeights weights,
    boolean gateSpatialOnAccuracy,
    ParseLimits limits,
    boolean clampSpatial) {

  public RewardConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(limits, "limits");
  }

  /** A configuration that does not clamp (the reference's values). */
  public RewardConfig(
      String name, RewardWeights weights, boolean gateSpatialOnAccuracy, ParseLimits limits) {
    this(name, weights, gateSpatialOnAccuracy, limits, false);
  }

  /** The paper's dense reward. */
  public static RewardConfig paper() {
    return new RewardConfig("dense", RewardWeights.PAPER, true, ParseLimits.DEFAULT);
  }
}
