package spatialthinker.train;

import java.util.Locale;
import spatialthinker.train.grpo.GrpoConfig;
import spatialthinker.train.model.ModelConfig;
import spatialthinker.train.sft.SftConfig;

/**
 * Named sizes: {@code tiny} trains in about a minute (CI), {@code small} in minutes ({@code
 * vision}: the same with a convolutional stem at twice the resolution), {@code base} in hours on a
 * CPU. The algorithm is the same at every size; only shapes, batch sizes, steps and learning rates
 * change.
 */
public enum Preset {
  TINY(
      new ModelConfig(64, 16, 64, 4, 1, 2, 2, 512, 8),
      new SftConfig(16, 3e-3, 300, 50, 3, 1.0, 0.01),
      new GrpoConfig(8, 8, 4, 1.0, 0.2, 0.3, 3.0, 1e-2, 3e-4, 1.0, 0.01, 30, 80, 15, 5, 1.0, 2)),
  SMALL(
      new ModelConfig(64, 8, 128, 4, 2, 3, 3, 640, 8),
      new SftConfig(16, 1.5e-3, 1500, 100, 4, 1.0, 0.01),
      new GrpoConfig(8, 8, 2, 1.0, 0.2, 0.3, 3.0, 1e-2, 2e-4, 1.0, 0.01, 60, 320, 10, 10, 0.5, 2)),
  /**
   * The small decoder with a convolutional stem over 128-px images and coordinate-token embeddings
   * that start smooth in their value ({@link ModelConfig#stem()}, {@link
   * ModelConfig#coordEmbed()}); about twice the small preset's step time.
   */
  VISION(
      new ModelConfig(128, 16, 128, 4, 2, 3, 3, 640, 8, 0.0, false, 16, true),
      new SftConfig(16, 1.5e-3, 1500, 100, 4, 1.0, 0.01),
      new GrpoConfig(8, 8, 2, 1.0, 0.2, 0.3, 3.0, 1e-2, 2e-4, 1.0, 0.01, 60, 320, 10, 10, 0.5, 2)),
  BASE(
      new ModelConfig(128, 16, 256, 8, 4, 6, 4, 768, 8),
      new SftConfig(32, 6e-4, 20000, 500, 5, 1.0, 0.01),
      new GrpoConfig(
          16, 8, 4, 1.0, 0.2, 0.3, 3.0, 1e-2, 2e-5, 1.0, 0.01, 300, 320, 25, 25, 0.5, 1));

  private final ModelConfig model;
  private final SftConfig sft;
  private final GrpoConfig grpo;

  Preset(ModelConfig model, SftConfig sft, GrpoConfig grpo) {
    this.model = model;
    this.sft = sft;
    this.grpo = grpo;
  }

  /** The network shape for a vocabulary of {@code vocabSize} tokens. */
  public ModelConfig model(int vocabSize) {
    return model.withVocabSize(vocabSize);
  }

  public SftConfig sft() {
    return sft;
  }

  public GrpoConfig grpo() {
    return grpo;
  }

  /** The preset of a name ({@code tiny}, {@code small}, {@code base}). */
  public static Preset of(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--preset '" + name + "' is not one of: tiny, small, vision, base", e);
    }
  }

  /** Lower-case name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
