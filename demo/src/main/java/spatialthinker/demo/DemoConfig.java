package spatialthinker.demo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code spatialthinker demo} was asked for.
 *
 * @param out the output directory; a second run with the same one resumes
 * @param name the preset's name, for the report
 * @param plan the sizes
 * @param compare also train and evaluate the sparse-reward arm from the same SFT start
 * @param seed the seed of every stage
 * @param threads threads for rendering, question writing and reward scoring
 */
public record DemoConfig(
    Path out, String name, DemoPlan plan, boolean compare, long seed, int threads) {

  public DemoConfig {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(plan, "plan");
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
  }

  /** Where the stages write. */
  public DemoLayout layout() {
    return new DemoLayout(out);
  }

  /** The configuration of a preset. */
  public static DemoConfig of(Path out, DemoPreset preset, boolean compare, long seed) {
    return new DemoConfig(
        out,
        preset.id(),
        preset.plan(),
        compare,
        seed,
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }
}
