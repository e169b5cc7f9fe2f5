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
 * @param visionAux weight of the vision pre-training loss of a new policy (0: none)
 * @param blindImages a new policy sees blank images (the blind control)
 * @param patience overrides the preset's SFT patience: validations without improvement before
 *     training stops early
 */
public record RunSpec(
    Path data,
    Path out,
    Preset preset,
    long seed,
    String reward,
    boolean resume,
    Optional<Path> init,
    OptionalInt steps,
    double visionAux,
    boolean blindImages,
    OptionalInt patience) {

  /** A run with the preset's patience. */
  public RunSpec(
      Path data,
      Path out,
      Preset preset,
      long seed,
      String reward,
      boolean resume,
      Optional<Path> init,
      OptionalInt steps,
      double visionAux,
      boolean blindImages) {
    this(
        data,
        out,
        preset,
        seed,
        reward,
        resume,
        init,
        steps,
        visionAux,
        blindImages,
        OptionalInt.empty());
  }

  /** A sighted run without vision pre-training. */
  public RunSpec(
      Path data,
      Path out,
      Preset preset,
      long seed,
      String reward,
      boolean resume,
      Optional<Path> init,
      OptionalInt steps) {
    this(data, out, preset, seed, reward, resume, init, steps, 0.0, false);
  }

  public RunSpec {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(reward, "reward");
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(steps, "steps");
    Objects.requireNonNull(patience, "patience");
    if (patience.isPresent() && patience.getAsInt() < 1) {
      throw new IllegalArgumentException("--patience must be >= 1, got " + patience.getAsInt());
    }
  }
}
