package spatialthinker.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QwenImageProcessorTest {

  /** Expected sizes printed by transformers' smart_resize (tools/qwen25vl_fixture.py's pins). */
  @ParameterizedTest
  @CsvSource({
    "480, 640, 3136, 12845056, 476, 644",
    "30, 40, 3136, 15680, 56, 84",
    "120, 160, 3136, 15680, 84, 140",
    "1080, 1920, 3136, 1003520, 728, 1316",
    "70, 70, 3136, 12845056, 56, 56",
    "14, 2700, 3136, 1003520, 28, 784",
    "500, 333, 200704, 1003520, 560, 392",
    "42, 98, 3136, 1003520, 56, 112"
  })
  void smartResizeAsTransformers(int h, int w, int min, int max, int eh, int ew) {
    assertThat(QwenImageProcessor.smartResize(h, w, 28, min, max)).containsExactly(eh, ew);
  }

  @Test
  void extremeAspectRatioIsRejected() {
    assertThatThrownBy(() -> QwenImageProcessor.smartResize(10, 2500, 28, 3136, 1003520))
        .hasMessageContaining("2500 x 10");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void pixelValuesMatchTransformers(int which) throws Exception {
    BufferedImage img = ImageIO.read(Fixture.root().resolve("image" + which + ".png").toFile());
    QwenImageProcessor p = QwenImageProcessor.read(Fixture.hf(), 0, 0);
    QwenImageProcessor.Processed out = p.process(img);
    SafetensorsFile ref = Fixture.reference();
    long[] grid = ref.longs("image" + which + ".image_grid_thw");
    assertThat(new long[] {out.gridT(), out.gridH(), out.gridW()}).containsExactly(grid);
    float[] want = ref.floats("image" + which + ".pixel_values");
    assertThat(ref.entries().get("image" + which + ".pixel_values").shape())
        .containsExactly(out.rows(), out.rowWidth());
    assertThat(out.pixels()).hasSameSizeAs(want);
    double worst = 0;
    for (int i = 0; i < want.length; i++) {
      worst = Math.max(worst, Math.abs(want[i] - out.pixels()[i]));
    }
    assertThat(worst).isLessThanOrEqualTo(1e-6);
    assertThat(out.width() * out.height()).isEqualTo(out.rows() * 14 * 14);
  }

  @Test
  void pixelLimitOverridesChangeTheGrid() throws Exception {
    BufferedImage img = ImageIO.read(Fixture.root().resolve("image2.png").toFile());
    QwenImageProcessor p = QwenImageProcessor.read(Fixture.hf(), 0, 28 * 28 * 4);
    QwenImageProcessor.Processed out = p.process(img);
    assertThat(out.gridH() * out.gridW()).isLessThanOrEqualTo(16);
    assertThat(out.tokens(2)).isEqualTo(out.gridH() * out.gridW() / 4);
  }
}
