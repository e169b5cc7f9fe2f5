package spatialthinker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import spatialthinker.train.grpo.GrpoConfig;
import spatialthinker.train.model.ModelConfig;
import spatialthinker.train.sft.SftConfig;

class PresetTest {

  @Test
  void presetsHaveTheShapesOfTheTrainingGuide() {
    // the preset table of docs/training.md: image / patch, width, heads, encoder / decoder layers
    int[][] table = {
      {64, 16, 64, 4, 1, 2}, {64, 8, 128, 4, 2, 3}, {128, 16, 128, 4, 2, 3}, {128, 16, 256, 8, 4, 6}
    };
    Preset[] presets = {Preset.TINY, Preset.SMALL, Preset.VISION, Preset.BASE};
    for (int i = 0; i < presets.length; i++) {
      ModelConfig m = presets[i].model(100);
      assertThat(
              new int[] {
                m.imageSize(),
                m.patchSize(),
                m.dModel(),
                m.heads(),
                m.encoderLayers(),
                m.decoderLayers()
              })
          .as(presets[i].id())
          .containsExactly(table[i]);
      assertThat(m.vocabSize()).isEqualTo(100);
      assertThat(m.visionAux()).isZero();
      assertThat(m.blindImages()).isFalse();
    }
    assertThat(Preset.VISION.model(100).stem()).isEqualTo(16);
    assertThat(Preset.VISION.model(100).coordEmbed()).isTrue();
    assertThat(Preset.SMALL.model(100).stem()).isZero();
    assertThat(Preset.VISION.sft()).isEqualTo(Preset.SMALL.sft());
  }

  @Test
  void buildersKeepEveryFieldAndNameTheOneLeftUnset() {
    SftConfig sft = Preset.TINY.sft();
    assertThat(sft.toBuilder().build()).isEqualTo(sft);
    assertThat(sft.withPatience(60).patience()).isEqualTo(60);
    assertThat(sft.withPatience(60).withPatience(sft.patience())).isEqualTo(sft);
    GrpoConfig grpo = Preset.BASE.grpo();
    assertThat(grpo.toBuilder().build()).isEqualTo(grpo);
    assertThat(grpo.withSteps(7).steps()).isEqualTo(7);
    assertThat(grpo.withSteps(7).withSteps(grpo.steps())).isEqualTo(grpo);
    ModelConfig m = Preset.VISION.model(50);
    assertThat(m.withVision(1.0, true).withVision(0.0, false)).isEqualTo(m);
    assertThatThrownBy(
            () -> SftConfig.builder().batchSize(16).learningRate(1e-3).maxSteps(10).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("SftConfig.evalEvery is not set");
    assertThatThrownBy(() -> GrpoConfig.builder().promptsPerStep(2).build())
        .hasMessage("GrpoConfig.rollouts is not set");
    assertThatThrownBy(() -> Preset.TINY.model(50).toBuilder().heads(3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of heads 3");
  }

  @Test
  void anUnknownPresetNamesTheKnownOnes() {
    assertThat(Preset.of(" Small ")).isEqualTo(Preset.SMALL);
    assertThatThrownBy(() -> Preset.of("huge"))
        .hasMessage("--preset 'huge' is not one of: tiny, small, vision, base");
  }
}
