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
      ModelConfig.builder()
          .imageSize(64)
          .patchSize(16)
          .dModel(64)
          .heads(4)
          .encoderLayers(1)
          .decoderLayers(2)
          .ffnMultiplier(2)
          .maxPositions(512)
          .build(),
      SftConfig.builder()
          .batchSize(16)
          .learningRate(3e-3)
          .maxSteps(300)
          .evalEvery(50)
          .patience(3)
          .build(),
      GrpoConfig.builder()
          .promptsPerStep(8)
          .rollouts(8)
          .updateBatches(4)
          .learningRate(3e-4)
          .steps(30)
          .maxNewTokens(80)
          .evalEvery(15)
          .checkpointEvery(5)
          .valTemperature(1.0)
          .valSamples(2)
          .build()),
  SMALL(
      ModelConfig.builder()
          .imageSize(64)
          .patchSize(8)
          .dModel(128)
          .heads(4)
          .encoderLayers(2)
          .decoderLayers(3)
          .ffnMultiplier(3)
          .maxPositions(640)
          .build(),
      SftConfig.builder()
          .batchSize(16)
          .learningRate(1.5e-3)
          .maxSteps(1500)
          .evalEvery(100)
          .patience(4)
          .build(),
      smallGrpo()),
  /**
   * The small decoder with a convolutional stem over 128-px images and coordinate-token embeddings
   * that start smooth in their value ({@link ModelConfig#stem()}, {@link
   * ModelConfig#coordEmbed()}); about twice the small preset's step time.
   */
  VISION(
      SMALL.model.toBuilder().imageSize(128).patchSize(16).stem(16).coordEmbed(true).build(),
      SMALL.sft,
      smallGrpo()),
  BASE(
      ModelConfig.builder()
          .imageSize(128)
          .patchSize(16)
          .dModel(256)
          .heads(8)
          .encoderLayers(4)
          .decoderLayers(6)
          .ffnMultiplier(4)
          .maxPositions(768)
          .build(),
      SftConfig.builder()
          .batchSize(32)
          .learningRate(6e-4)
          .maxSteps(20000)
          .evalEvery(500)
          .patience(5)
          .build(),
      GrpoConfig.builder()
          .promptsPerStep(16)
          .rollouts(8)
          .updateBatches(4)
          .learningRate(2e-5)
          .steps(300)
          .maxNewTokens(320)
          .evalEvery(25)
          .checkpointEvery(25)
          .valTemperature(0.5)
          .valSamples(1)
          .build());

  private static GrpoConfig smallGrpo() {
    return GrpoConfig.builder()
        .promptsPerStep(8)
        .rollouts(8)
        .updateBatches(2)
        .learningRate(2e-4)
        .steps(60)
        .maxNewTokens(320)
        .evalEvery(10)
        .checkpointEvery(10)
        .valTemperature(0.5)
        .valSamples(2)
        .build();
  }

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
