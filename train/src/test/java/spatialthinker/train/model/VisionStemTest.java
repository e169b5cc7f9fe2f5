package spatialthinker.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import spatialthinker.train.text.Tokenizer;

class VisionStemTest {

  private static final ModelConfig STEM =
      new ModelConfig(32, 8, 32, 4, 1, 2, 2, 200, 50, 0.0, false, 4, false);

  @Test
  void patchesReassembleIntoTheImageTheyCameFrom() {
    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    SplittableRandom rnd = new SplittableRandom(5);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        img.setRGB(x, y, rnd.nextInt(1 << 24));
      }
    }
    float[] patches = ImagePatches.of(img, STEM);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray p = m.create(patches, new Shape(1, STEM.patches(), STEM.patchDim()));
      float[] chw = VisionLanguageModel.image(p, STEM).toFloatArray();
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          int rgb = img.getRGB(x, y);
          int[] ch = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
          for (int c = 0; c < 3; c++) {
            assertThat(chw[c * 32 * 32 + y * 32 + x])
                .as("pixel (%d, %d) channel %d", x, y, c)
                .isEqualTo(ch[c] / 255f - 0.5f);
          }
        }
      }
    }
  }

  @Test
  void stemEmbedsAQuarterSizeFeatureMapAndLearns() {
    assertThat(STEM.embedDim()).isEqualTo(2 * 2 * 2 * 4);
    try (NDManager root = NDManager.newBaseManager()) {
      Parameters params = VisionLanguageModel.initialise(STEM, 3, new Parameters(root));
      assertThat(params.get("stem1.w").getShape()).isEqualTo(new Shape(4, 3, 3, 3));
      assertThat(params.get("stem2.w").getShape()).isEqualTo(new Shape(8, 4, 3, 3));
      assertThat(params.get("patch.w").getShape()).isEqualTo(new Shape(32, STEM.embedDim()));
      VisionLanguageModel model = new VisionLanguageModel(STEM, params);
      params.requireGradients();
      float[] v = new float[2 * STEM.patches() * STEM.patchDim()];
      SplittableRandom rnd = new SplittableRandom(9);
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) rnd.nextDouble() - 0.5f;
      }
      try (NDManager m = root.newSubManager();
          GradientCollector g = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
        NDArray x = m.create(v, new Shape(2, STEM.patches(), STEM.patchDim()));
        NDArray out = model.encodeImage(x);
        assertThat(out.getShape()).isEqualTo(new Shape(2, STEM.patches(), 32));
        g.backward(out.square().sum());
        assertThat(params.get("stem1.w").getGradient().abs().sum().getFloat()).isPositive();
      }
    }
  }

  @Test
  void stemNeedsPatchesThatDivideByFour() {
    assertThatThrownBy(() -> new ModelConfig(30, 6, 32, 4, 1, 2, 2, 200, 50, 0, false, 4, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 4");
  }

  @Test
  void coordinateEmbeddingsPutNearValuesNearAndFarValuesApart() {
    Tokenizer tok = Tokenizer.build(List.of("<answer>(A) left</answer>"), 256);
    int d = 32;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray emb = m.zeros(new Shape(tok.size(), d));
      Policy.coordinateEmbeddings(emb, tok, d);
      float[] e = emb.toFloatArray();
      int[] ids = new int[257];
      for (int n = 0; n <= 256; n++) {
        ids[n] = tok.encode(Integer.toString(n))[0];
      }
      for (int n : new int[] {0, 40, 128, 200}) {
        double near = cosine(e, ids[n], ids[n + 1], d);
        double far = cosine(e, ids[n], ids[(n + 100) % 257], d);
        assertThat(near).as("cos(%d, %d)", n, n + 1).isGreaterThan(0.8);
        assertThat(far).as("cos(%d, %d)", n, (n + 100) % 257).isLessThan(near - 0.3);
      }
      int word = tok.encode("left")[0];
      for (int j = 0; j < d; j++) {
        assertThat(e[word * d + j]).as("a word's embedding is left alone").isZero();
      }
    }
  }

  private static double cosine(float[] e, int a, int b, int d) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int j = 0; j < d; j++) {
      ab += e[a * d + j] * e[b * d + j];
      aa += e[a * d + j] * e[a * d + j];
      bb += e[b * d + j] * e[b * d + j];
    }
    return ab / Math.sqrt(aa * bb);
  }
}
