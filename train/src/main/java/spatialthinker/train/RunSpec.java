package spatialthinker.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a training command asks for.
 *
 * @param data the QA parquet
 * @param out the run directory
 * @param preset model and training sizes
 * @param seed the run's seed
 * @param reward the reward spec for GRPO (any {@code RewardPresets} spec)
 * @param resume continue from {@code out/last}
 * @param init the checkpoint to start from (GRPO: the SFT policy and reference)
 * @param steps overrides the preset's step budget
 */
public record RunSpec(
    Path data,
    Path out,
    Preset preset,
    long seed,
    String reward,
    boolean resume,
    Optional<Path> init,
    OptionalInt steps) {

  public RunSpec {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(reward, "reward");
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(steps, "steps");
  }
}
