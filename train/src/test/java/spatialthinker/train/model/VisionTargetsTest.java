package spatialthinker.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisionTargetsTest {

  private static final ModelConfig C = new ModelConfig(32, 8, 32, 4, 1, 2, 2, 200, 50);

  @Test
  void patchesInsideABoxAskForItsLabelAndBox() {
    String gt =
        "<scene>{\"objects\":[{\"id\":\"chair.2\",\"bbox\":[0,0,128,128]},"
            + "{\"id\":\"cube.1\",\"bbox\":[0,0,64,64]}],\"relationships\":[]}</scene>\n"
            + "<answer>(A) left</answer>";
    VisionTargets t = VisionTargets.of(gt, "Image size: (256 x 256)\nQ", C);
    // 4 x 4 grid of 64-px cells: centres at 32, 96, 160, 224.
    assertThat(t.mask()).containsExactly(1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    int cube = Math.floorMod("cube".hashCode(), VisionTargets.BUCKETS);
    int chair = Math.floorMod("chair".hashCode(), VisionTargets.BUCKETS);
    assertThat(t.label()[cube]).isEqualTo(1f); // patch 0: the smaller box wins
    assertThat(t.label()[VisionTargets.BUCKETS + chair]).isEqualTo(1f);
    assertThat(new float[] {t.box()[0], t.box()[1], t.box()[2], t.box()[3]})
        .containsExactly(0f, 0f, 0.25f, 0.25f);
    assertThat(t.box()[6]).isEqualTo(0.5f);
  }

  @Test
  void aRowWithoutSceneOrSizeScoresNoPatch() {
    VisionTargets t = VisionTargets.of("<answer>(A) x</answer>", "Image size: (256 x 256)", C);
    assertThat(t.mask()).containsOnly(0f);
  }

  @Test
  void blindImagesAreBlank() {
    java.awt.image.BufferedImage img =
        new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 3, 0xffffff);
    assertThat(ImagePatches.of(img, C.withVision(0, true))).containsOnly(0f);
    assertThat(ImagePatches.of(img, C)).contains(-0.5f);
  }
}
