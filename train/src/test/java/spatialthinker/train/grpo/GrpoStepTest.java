package spatialthinker.train.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.core.provenance.Provenance;
import spatialthinker.reward.BatchScorer;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardScore;
import spatialthinker.train.Preset;
import spatialthinker.train.ckpt.TrainState;
import spatialthinker.train.data.DataCursor;
import spatialthinker.train.data.QaParquet;
import spatialthinker.train.data.TrainingData;
import spatialthinker.train.metrics.Metrics;
import spatialthinker.train.metrics.TrainListener;
import spatialthinker.train.model.Parameters;
import spatialthinker.train.model.Policy;
import spatialthinker.train.model.VisionLanguageModel;
import spatialthinker.train.optim.AdamW;
import spatialthinker.train.text.Tokenizer;
import spatialthinker.train.toy.ToySpatialData;

/**
 * Two GRPO steps of a fresh tiny policy with short responses: the rollout batch of 10 is updated on
 * in exactly the 6 configured minibatches, and each step logs the means of their diagnostics.
 */
class GrpoStepTest {

  private static final int STEPS = 2;
  private static final int UPDATE_BATCHES = 6;

  /**
   * A reward that tells a fresh policy's responses apart (the dense reward gives them all 0), so
   * that advantages and the policy-gradient term are not zero.
   */
  private static final Reward SPREAD =
      new Reward() {
        @Override
        public RewardScore score(RewardInput in) {
          return new RewardScore(Math.floorMod(in.response().hashCode(), 5) / 4.0, 0, 0, 0, 0);
        }

        @Override
        public String name() {
          return "spread";
        }
      };

  @TempDir Path dir;

  @Test
  void eachStepUpdatesOnTheConfiguredMinibatchesAndLogsTheirMeans() {
    Path file = dir.resolve("toy.parquet");
    new ToySpatialData(64).write(file, 30, 0.2, 3);
    TrainingData data = new TrainingData(QaParquet.read(file), file.toString());
    // 5 prompts x 2 rollouts = 10 rows in 6 minibatches (a ceiling-sized cut would make 5)
    GrpoConfig config =
        new GrpoConfig(
            5,
            2,
            UPDATE_BATCHES,
            1.0,
            0.2,
            0.3,
            3.0,
            1e-2,
            1e-3,
            1.0,
            0.01,
            STEPS,
            6,
            100,
            100,
            1.0,
            1);
    List<Metrics> steps = new ArrayList<>();
    TrainListener capture =
        new TrainListener() {
          @Override
          public void onStep(Metrics m) {
            steps.add(m);
          }
        };
    Tokenizer tok = data.buildTokenizer();
    try (NDManager root = NDManager.newBaseManager();
        BatchScorer scorer = new BatchScorer(1);
        Policy policy = Policy.initialise(Preset.TINY.model(tok.size()), tok, 5, root);
        Parameters ref = policy.parameters().copy(root);
        AdamW adam = new AdamW(policy.parameters(), AdamW.Settings.of(0.01))) {
      new GrpoTrainer(config, SPREAD, scorer, List.of(capture), 2)
          .train(
              policy,
              new VisionLanguageModel(policy.config(), ref),
              adam,
              data.train(),
              data.val(),
              dir.resolve("run"),
              new TrainState("grpo", 0, DataCursor.START, 5, Double.NEGATIVE_INFINITY, 0),
              Provenance.here(Map.of(), 5, "test"));
      assertThat(adam.steps()).isEqualTo((long) STEPS * UPDATE_BATCHES);
    }
    assertThat(steps).hasSize(STEPS);
    for (Metrics m : steps) {
      assertThat(m.get("loss")).isFinite();
      assertThat(m.get("reward")).isPositive();
      assertThat(m.get("kl")).isFinite().isGreaterThanOrEqualTo(0);
      assertThat(m.get("clip_fraction")).isBetween(0.0, 1.0);
      assertThat(m.get("dual_clip_fraction")).isBetween(0.0, 1.0);
      assertThat(m.get("grad_norm")).isFinite().isPositive();
      assertThat(m.get("entropy")).isPositive();
    }
  }
}
