package spatialthinker.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import spatialthinker.train.optim.AdamW;

/** Per-step work leaves nothing behind in the parameters' manager. */
class ManagerLeakTest {

  private static final ModelConfig CONFIG = new ModelConfig(32, 8, 32, 4, 1, 2, 2, 120, 40);

  @Test
  void trainingStepsAndDecodingDoNotGrowTheParameterManager() {
    try (NDManager root = NDManager.newBaseManager()) {
      Parameters p = VisionLanguageModel.initialise(CONFIG, 5, new Parameters(root));
      VisionLanguageModel model = new VisionLanguageModel(CONFIG, p);
      p.requireGradients();
      float[] img = new float[CONFIG.patches() * CONFIG.patchDim()];
      SequenceBatch sb =
          SequenceBatch.of(
              CONFIG,
              List.of(img, img),
              List.of(new int[] {5, 6}, new int[] {7}),
              List.of(new int[] {8, 9, 2}, new int[] {10, 2}),
              0);
      try (AdamW opt = new AdamW(p, AdamW.Settings.of(0.01))) {
        int before = -1;
        for (int step = 0; step < 3; step++) {
          try (NDManager m = p.manager().newSubManager()) {
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
              TokenScores s = TokenScores.of(model, m, sb, true);
              NDArray mask = sb.responseMask(m);
              gc.backward(s.logProbs().mul(mask).sum().neg().div(mask.sum()));
            }
          }
          double norm = opt.step(p, 1e-3, 1.0);
          assertThat(norm).isPositive().isFinite();
          GradMode.off();
          new Decoder(model, 2, 0)
              .generate(
                  p.manager(),
                  List.of(img),
                  List.of(new int[] {5}),
                  new Sampling(1.0, 10),
                  new SplittableRandom(step));
          int now = root.getManagedArrays().size();
          if (before >= 0) {
            assertThat(now).as("arrays after step " + step).isEqualTo(before);
          }
          before = now;
        }
      }
    }
  }
}
