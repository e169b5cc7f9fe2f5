package spatialthinker.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.reward.BatchScorer;
import spatialthinker.reward.RewardPresets;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.data.QaExample;
import spatialthinker.train.data.QaParquet;
import spatialthinker.train.eval.Evaluation;
import spatialthinker.train.eval.PolicyEvaluator;
import spatialthinker.train.model.Policy;
import spatialthinker.train.model.Sampling;
import spatialthinker.train.toy.ToySpatialData;

/**
 * The tiny preset learns to see: trained long enough on toy data (3,800 rows, 4,500 SFT steps at
 * most), its boxes land on the objects and its answers beat the blind control, the same SFT on the
 * same rows with every image blanked. Measured with the same settings through {@code train
 * experiment --arms sft,blind}: box IoU 0.43 against 0.06, accuracy 48.0% against 36.0% on the 200
 * val rows (docs/results.md). Over the first ~2,500 steps the two are alike: the policy learns the
 * text first, the image after.
 */
class ToySightIT {

  private static final int STEPS = 4500;

  @TempDir Path dir;

  @Test
  void sightedPolicyGroundsItsBoxesAndBeatsItsBlindControl() {
    Path data = dir.resolve("toy.parquet");
    new ToySpatialData(64).write(data, 4000, 0.05, 43);
    TrainingRun run = new TrainingRun(RewardPresets.exactLabels(), 2);
    for (boolean blind : new boolean[] {false, true}) {
      run.sft(
          new RunSpec(
              data,
              dir.resolve(blind ? "blind" : "sft"),
              Preset.TINY,
              1,
              "dense",
              false,
              Optional.empty(),
              OptionalInt.of(STEPS),
              0.0,
              blind),
          List.of());
    }
    Evaluation sighted = evaluate(dir.resolve("sft").resolve("best"), data);
    Evaluation blind = evaluate(dir.resolve("blind").resolve("best"), data);
    System.out.printf(
        "val: sighted accuracy %.3f box IoU %.3f, blind accuracy %.3f box IoU %.3f%n",
        sighted.accuracy(), sighted.boxIou(), blind.accuracy(), blind.boxIou());
    assertThat(sighted.boxIou()).as("sighted box IoU").isGreaterThan(blind.boxIou() + 0.15);
    assertThat(sighted.accuracy()).as("sighted accuracy").isGreaterThan(blind.accuracy());
  }

  private static Evaluation evaluate(Path ckpt, Path data) {
    List<QaExample> val = QaParquet.read(data).stream().filter(e -> !e.isTrain()).toList();
    try (NDManager root = NDManager.newBaseManager();
        Policy policy = Checkpoint.loadPolicy(ckpt, root);
        BatchScorer scorer = new BatchScorer(2)) {
      return new PolicyEvaluator(RewardPresets.exactLabels().create("dense"), scorer)
          .evaluate(policy, val, Sampling.greedy(Preset.TINY.grpo().maxNewTokens()), 64, 7);
    }
  }
}
