package spatialthinker.train.experiment;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import spatialthinker.data.AnswerBalance;
import spatialthinker.reward.BatchScorer;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardPresets;
import spatialthinker.train.Preset;
import spatialthinker.train.RunSpec;
import spatialthinker.train.TrainingRun;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.data.QaExample;
import spatialthinker.train.data.QaParquet;
import spatialthinker.train.data.TrainingData;
import spatialthinker.train.eval.Evaluation;
import spatialthinker.train.eval.PolicyEvaluator;
import spatialthinker.train.metrics.MetricsLog;
import spatialthinker.train.metrics.TrainListener;
import spatialthinker.train.model.Policy;
import spatialthinker.train.model.Sampling;

/**
 * The paper's comparison on held-out data: per seed, one SFT run, then one GRPO run per reward arm
 * from that SFT checkpoint; every arm's policy is evaluated on the whole val split with the dense
 * reward, answer accuracy and box IoU, decoding greedily. The arm {@value #BLIND} is the blind
 * control: the same SFT on the same rows with every image blanked (in training and evaluation), so
 * whatever it scores comes from the question text alone. Finished runs are reused, so an
 * interrupted experiment can be started again with the same command.
 */
public final class Experiment {

  /** The SFT arm. */
  public static final String SFT = "sft";

  /** The blind-control arm: SFT with blank images. */
  public static final String BLIND = "blind";

  /** Whether an arm is trained by SFT (the sighted start or the blind control), not by GRPO. */
  public static boolean isSftArm(String arm) {
    return arm.equals(SFT) || arm.equals(BLIND);
  }

  /**
   * What to run.
   *
   * @param visionAux weight of the vision pre-training loss in both SFT runs (0: the preset's)
   * @param patience overrides the preset's SFT patience in both SFT runs
   */
  public record Spec(
      Path data,
      Path out,
      Preset preset,
      List<String> arms,
      int seeds,
      OptionalInt sftSteps,
      OptionalInt grpoSteps,
      double visionAux,
      OptionalInt patience) {

    /** The preset's vision pre-training weight and patience. */
    public Spec(
        Path data,
        Path out,
        Preset preset,
        List<String> arms,
        int seeds,
        OptionalInt sftSteps,
        OptionalInt grpoSteps) {
      this(data, out, preset, arms, seeds, sftSteps, grpoSteps, 0.0, OptionalInt.empty());
    }

    public Spec {
      arms = List.copyOf(arms);
      if (arms.isEmpty() || seeds < 1) {
        throw new IllegalArgumentException("--arms must name at least one arm and --seeds be >= 1");
      }
    }
  }

  /** Progress as runs finish. */
  public interface Listener {
    void runFinished(String arm, long seed, ArmResult result);
  }

  private final RewardPresets rewards;
  private final int threads;

  public Experiment(RewardPresets rewards, int threads) {
    this.rewards = rewards;
    this.threads = threads;
  }

  /** Runs every arm for every seed and returns the results, arm by arm in the given order. */
  public List<ArmResult> run(Spec spec, Listener listener, List<TrainListener> trainListeners) {
    for (String arm : spec.arms()) {
      if (!isSftArm(arm)) {
        rewards.create(arm); // fail before hours of training on a misspelt arm
      }
    }
    TrainingData data = new TrainingData(QaParquet.read(spec.data()), spec.data().toString());
    String dataHash = QaParquet.hash(spec.data());
    Reward dense = rewards.create("dense");
    TrainingRun runs = new TrainingRun(rewards, threads);
    List<ArmResult> results = new ArrayList<>();
    try (BatchScorer scorer = new BatchScorer(threads)) {
      PolicyEvaluator evaluator = new PolicyEvaluator(dense, scorer);
      for (int seed = 1; seed <= spec.seeds(); seed++) {
        Path seedDir = spec.out().resolve("seed-" + seed);
        Path sft = seedDir.resolve("sft");
        if (!finished(sft)) {
          runs.sft(
              new RunSpec(
                  spec.data(),
                  sft,
                  spec.preset(),
                  seed,
                  "dense",
                  Files.exists(sft.resolve("last")),
                  Optional.empty(),
                  spec.sftSteps(),
                  spec.visionAux(),
                  false,
                  spec.patience()),
              trainListeners);
        }
        for (String arm : spec.arms()) {
          Path armDir = arm.equals(SFT) ? sft : seedDir.resolve(arm);
          if (arm.equals(BLIND) && !finished(armDir)) {
            runs.sft(
                new RunSpec(
                    spec.data(),
                    armDir,
                    spec.preset(),
                    seed,
                    "dense",
                    Files.exists(armDir.resolve("last")),
                    Optional.empty(),
                    spec.sftSteps(),
                    spec.visionAux(),
                    true,
                    spec.patience()),
                trainListeners);
          }
          if (!isSftArm(arm) && !finished(armDir)) {
            runs.grpo(
                new RunSpec(
                    spec.data(),
                    armDir,
                    spec.preset(),
                    seed,
                    arm,
                    Files.exists(armDir.resolve("last")),
                    Optional.of(sft),
                    spec.grpoSteps()),
                trainListeners);
          }
          Path ckpt = isSftArm(arm) ? armDir.resolve("best") : armDir.resolve("last");
          ArmResult r =
              evaluateOnce(evaluator, armDir, ckpt, arm, seed, data, dataHash, spec.preset());
          results.add(r);
          listener.runFinished(arm, seed, r);
        }
      }
    }
    return results;
  }

  private static boolean finished(Path run) {
    return Files.exists(run.resolve("done"));
  }

  /**
   * The arm's evaluation, saved as {@code evaluation.json} in its run directory and reused while
   * the checkpoint's parameters, the val split and the token budget are the same: a restarted
   * experiment does not evaluate finished arms again.
   */
  private static ArmResult evaluateOnce(
      PolicyEvaluator evaluator,
      Path runDir,
      Path ckpt,
      String arm,
      long seed,
      TrainingData data,
      String dataHash,
      Preset preset) {
    Path file = runDir.resolve(EVALUATION);
    String key =
        String.join(
            "|",
            QaParquet.hash(ckpt.resolve("params.bin")),
            dataHash,
            Integer.toString(data.val().size()),
            Integer.toString(preset.grpo().maxNewTokens()),
            "greedy",
            "answer-any-format");
    Optional<ArmResult> saved = SavedEvaluation.read(file, key);
    if (saved.isPresent() && saved.get().arm().equals(arm) && saved.get().seed() == seed) {
      return saved.get();
    }
    ArmResult r = evaluate(evaluator, ckpt, arm, seed, data.val(), preset);
    SavedEvaluation.write(file, key, r);
    return r;
  }

  /** File name of an arm's saved evaluation. */
  public static final String EVALUATION = "evaluation.json";

  private static ArmResult evaluate(
      PolicyEvaluator evaluator,
      Path ckpt,
      String arm,
      long seed,
      List<QaExample> val,
      Preset preset) {
    try (NDManager root = NDManager.newBaseManager();
        Policy policy = Checkpoint.loadPolicy(ckpt, root)) {
      Sampling s = Sampling.greedy(preset.grpo().maxNewTokens()); // as the demo and eval run
      Evaluation e = evaluator.evaluate(policy, val, s, 64, 1000 + seed);
      return new ArmResult(
          arm,
          seed,
          e.accuracy(),
          e.answerTextAccuracy(),
          e.reward(),
          e.boxIou(),
          e.formatRate(),
          e.accuracyByCategory());
    }
  }

  /**
   * The data's template prior on its val split (trained on train), over every category: what a
   * model that sees only each question's template and option set scores at best. Null when the val
   * split has no rows a prior can score.
   */
  public static ResultsReport.TemplatePrior templatePrior(Path data) {
    return templatePrior(spatialthinker.data.io.QaParquet.read(data));
  }

  /** The template prior of these rows' val split (trained on their train split); null without. */
  public static ResultsReport.TemplatePrior templatePrior(List<spatialthinker.data.QaRow> qaRows) {
    AnswerBalance balance = AnswerBalance.of(qaRows);
    double right = 0;
    double chance = 0;
    int rows = 0;
    for (AnswerBalance.CategoryBalance c : balance.categories()) {
      AnswerBalance.Score v = c.val();
      if (v.rows() > 0 && Double.isFinite(v.accuracy())) {
        right += v.accuracy() * v.rows();
        chance += v.chance() * v.rows();
        rows += v.rows();
      }
    }
    return rows == 0 ? null : new ResultsReport.TemplatePrior(right / rows, chance / rows, rows);
  }

  /** Mean validation metric per step of an arm's GRPO runs, averaged over seeds. */
  public static Map<String, TreeMap<Long, Double>> curves(
      Path out, List<String> arms, int seeds, String metric) {
    Map<String, TreeMap<Long, Double>> series = new LinkedHashMap<>();
    for (String arm : arms) {
      if (isSftArm(arm)) {
        continue;
      }
      List<TreeMap<Long, Double>> runs = new ArrayList<>();
      for (int seed = 1; seed <= seeds; seed++) {
        Path m = out.resolve("seed-" + seed).resolve(arm).resolve("metrics.jsonl");
        if (!Files.exists(m)) {
          continue;
        }
        TreeMap<Long, Double> points = new TreeMap<>();
        for (Map<String, Object> line : MetricsLog.read(m)) {
          if ("val".equals(line.get("kind")) && line.get(metric) instanceof Number n) {
            points.put(((Number) line.get("step")).longValue(), n.doubleValue());
          }
        }
        runs.add(points);
      }
      series.put(arm, LearningCurves.mean(runs));
    }
    return series;
  }
}
