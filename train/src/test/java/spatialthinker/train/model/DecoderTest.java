package spatialthinker.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecoderTest {

  private static final ModelConfig CONFIG = new ModelConfig(32, 8, 32, 4, 1, 2, 2, 200, 50);

  @Test
  void cachedGreedyDecodingEqualsUncachedTokenForToken() {
    try (NDManager root = NDManager.newBaseManager()) {
      Parameters p = VisionLanguageModel.initialise(CONFIG, 7, new Parameters(root));
      VisionLanguageModel model = new VisionLanguageModel(CONFIG, p);
      Decoder decoder = new Decoder(model, 2, 0);
      SplittableRandom rnd = new SplittableRandom(1);
      List<float[]> patches = new ArrayList<>();
      List<int[]> prompts = new ArrayList<>();
      for (int b = 0; b < 4; b++) {
        float[] v = new float[CONFIG.patches() * CONFIG.patchDim()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) rnd.nextDouble() - 0.5f;
        }
        patches.add(v);
        int[] prompt = new int[3 + 2 * b];
        for (int i = 0; i < prompt.length; i++) {
          prompt[i] = 4 + rnd.nextInt(40);
        }
        prompts.add(prompt);
      }
      Sampling greedy = Sampling.greedy(40);
      List<int[]> cached =
          decoder.generate(root, patches, prompts, greedy, new SplittableRandom(3));
      List<int[]> plain =
          decoder.generateUncached(root, patches, prompts, greedy, new SplittableRandom(3));
      assertThat(cached).hasSize(4);
      for (int b = 0; b < 4; b++) {
        assertThat(cached.get(b)).as("row " + b).containsExactly(plain.get(b));
      }
    }
  }

  @Test
  void paddedRowDecodesAsItWouldAlone() {
    try (NDManager root = NDManager.newBaseManager()) {
      Parameters p = VisionLanguageModel.initialise(CONFIG, 11, new Parameters(root));
      Decoder decoder = new Decoder(new VisionLanguageModel(CONFIG, p), 2, 0);
      float[] img = new float[CONFIG.patches() * CONFIG.patchDim()];
      java.util.Arrays.fill(img, 0.1f);
      int[] shortPrompt = {5, 6, 7};
      int[] longPrompt = {8, 9, 10, 11, 12, 13, 14};
      Sampling g = Sampling.greedy(20);
      List<int[]> alone =
          decoder.generate(root, List.of(img), List.of(shortPrompt), g, new SplittableRandom(1));
      List<int[]> batched =
          decoder.generate(
              root,
              List.of(img, img),
              List.of(longPrompt, shortPrompt),
              g,
              new SplittableRandom(1));
      assertThat(batched.get(1)).containsExactly(alone.get(0));
    }
  }
}
