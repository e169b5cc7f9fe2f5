package spatialthinker.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spatialthinker.core.provenance.Provenance;
import spatialthinker.reward.BatchScorer;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardPresets;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.ckpt.TrainState;
import spatialthinker.train.data.DataCursor;
import spatialthinker.train.data.QaExample;
import spatialthinker.train.data.QaParquet;
import spatialthinker.train.data.TrainingData;
import spatialthinker.train.grpo.GrpoConfig;
import spatialthinker.train.grpo.GrpoTrainer;
import spatialthinker.train.metrics.MetricsLog;
import spatialthinker.train.metrics.NanGuard;
import spatialthinker.train.metrics.TrainListener;
import spatialthinker.train.model.ModelConfig;
import spatialthinker.train.model.Parameters;
import spatialthinker.train.model.Policy;
import spatialthinker.train.model.VisionLanguageModel;
import spatialthinker.train.optim.AdamW;
import spatialthinker.train.sft.SftConfig;
import spatialthinker.train.sft.SftTrainer;
import spatialthinker.train.text.Tokenizer;

/**
 * Sets up and runs {@code train sft} and {@code train grpo}: reads the data, builds or restores the
 * policy, optimiser and state, attaches the metrics log and NaN guard to the caller's listeners.
 */
public final class TrainingRun {

  /** What a finished run reports. */
  public record Summary(String phase, long steps, double before, double after, String unknowns) {}

  private final RewardPresets rewards;
  private final int scorerThreads;

  public TrainingRun(RewardPresets rewards, int scorerThreads) {
    this.rewards = rewards;
    this.scorerThreads = scorerThreads;
  }

  /** Supervised fine-tuning on teacher responses. */
  public Summary sft(RunSpec spec, List<TrainListener> extra) {
    TrainingData data = load(spec.data());
    SftConfig cfg = spec.preset().sft();
    if (spec.steps().isPresent()) {
      cfg = cfg.withMaxSteps(spec.steps().getAsInt());
    }
    if (spec.patience().isPresent()) {
      cfg = cfg.withPatience(spec.patience().getAsInt());
    }
    List<QaExample> train = data.trainWithTeacher(spec.data().toString());
    List<QaExample> val = data.val().stream().filter(e -> e.teacherResponse().isPresent()).toList();
    try (NDManager root = NDManager.newBaseManager()) {
      prepareOut(spec);
      Policy policy = startPolicy(spec, data, root);
      String unknowns = unknowns(policy, data);
      try (AdamW opt = new AdamW(policy.parameters(), AdamW.Settings.of(cfg.weightDecay()))) {
        TrainState start = startState(spec, opt, "sft", Double.POSITIVE_INFINITY, cfg.patience());
        Provenance prov = provenance(spec, "sft", cfg);
        SftTrainer.Result r =
            new SftTrainer(cfg, listeners(spec, extra))
                .train(policy, opt, train, val, spec.out(), start, prov);
        Summary sum = new Summary("sft", r.steps(), r.initialValLoss(), r.bestValLoss(), unknowns);
        markDone(spec, sum);
        return sum;
      } finally {
        policy.close();
      }
    }
  }

  /** GRPO from an SFT checkpoint ({@code --init}), the frozen reference being that checkpoint. */
  public Summary grpo(RunSpec spec, List<TrainListener> extra) {
    TrainingData data = load(spec.data());
    GrpoConfig cfg = spec.preset().grpo();
    if (spec.steps().isPresent()) {
      cfg = cfg.withSteps(spec.steps().getAsInt());
    }
    Reward reward = rewards.create(spec.reward());
    try (NDManager root = NDManager.newBaseManager();
        BatchScorer scorer = new BatchScorer(scorerThreads)) {
      prepareOut(spec);
      Path refFile = spec.out().resolve("reference.bin");
      Policy policy = startPolicy(spec, data, root);
      String unknowns = unknowns(policy, data);
      Parameters ref =
          spec.resume() && Files.exists(refFile)
              ? Parameters.load(refFile, root)
              : policy.parameters().copy(root);
      if (!Files.exists(refFile)) {
        ref.save(refFile);
      }
      try (AdamW opt = new AdamW(policy.parameters(), AdamW.Settings.of(cfg.weightDecay()))) {
        TrainState start = startState(spec, opt, "grpo", Double.NEGATIVE_INFINITY, 0);
        Provenance prov = provenance(spec, "grpo", cfg);
        GrpoTrainer.Result r =
            new GrpoTrainer(cfg, reward, scorer, listeners(spec, extra), 128)
                .train(
                    policy,
                    new VisionLanguageModel(policy.config(), ref),
                    opt,
                    data.train(),
                    data.val(),
                    spec.out(),
                    start,
                    prov);
        Summary sum =
            new Summary("grpo", r.steps(), r.initialValReward(), r.finalValReward(), unknowns);
        markDone(spec, sum);
        return sum;
      } finally {
        policy.close();
        ref.close();
      }
    }
  }

  /** A finished run leaves {@code done} with its summary, so an experiment can skip it. */
  private static void markDone(RunSpec spec, Summary s) {
    try {
      Files.writeString(spec.out().resolve("done"), s + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + spec.out().resolve("done"), e);
    }
  }

  private static TrainingData load(Path data) {
    List<QaExample> rows = QaParquet.read(data);
    return new TrainingData(rows, data.toString());
  }

  private static void prepareOut(RunSpec spec) {
    try {
      Files.createDirectories(spec.out());
      if (!spec.resume()) {
        Path metrics = spec.out().resolve("metrics.jsonl");
        if (Files.exists(spec.out().resolve("last")) || Files.exists(metrics)) {
          throw new IllegalArgumentException(
              "--out " + spec.out() + " already holds a run; pass --resume or choose another");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + spec.out(), e);
    }
  }

  /** The resumed, initial or fresh policy. */
  private static Policy startPolicy(RunSpec spec, TrainingData data, NDManager root) {
    Path last = spec.out().resolve("last");
    if (spec.resume()) {
      if (!Files.isRegularFile(last.resolve("params.bin"))) {
        throw new IllegalArgumentException("--resume: no checkpoint in " + last);
      }
      return Checkpoint.loadPolicy(last, root);
    }
    if (spec.init().isPresent()) {
      return Checkpoint.loadPolicy(spec.init().get(), root);
    }
    Tokenizer tok = data.buildTokenizer();
    ModelConfig shape = spec.preset().model(tok.size());
    double aux = spec.visionAux() > 0 ? spec.visionAux() : shape.visionAux();
    return Policy.initialise(shape.withVision(aux, spec.blindImages()), tok, spec.seed(), root);
  }

  private static TrainState startState(
      RunSpec spec, AdamW opt, String phase, double best, int patience) {
    Path last = spec.out().resolve("last");
    if (!spec.resume()) {
      return new TrainState(phase, 0, DataCursor.START, spec.seed(), best, patience);
    }
    TrainState s = Checkpoint.readState(last);
    if (!s.phase().equals(phase)) {
      throw new IllegalArgumentException(
          "--resume: " + last + " is a " + s.phase() + " checkpoint, not " + phase);
    }
    opt.load(last);
    MetricsLog.truncateAfter(spec.out().resolve("metrics.jsonl"), s.step());
    return s;
  }

  private static List<TrainListener> listeners(RunSpec spec, List<TrainListener> extra) {
    List<TrainListener> all = new ArrayList<>();
    all.add(new MetricsLog(spec.out().resolve("metrics.jsonl")));
    all.add(new NanGuard());
    all.addAll(extra);
    return all;
  }

  private static String unknowns(Policy policy, TrainingData data) {
    long unk = 0;
    long total = 0;
    for (QaExample e : data.val()) {
      int[] p = policy.promptTokens(e.problem());
      unk += policy.tokenizer().unknownCount(p);
      total += p.length;
    }
    return unk + " unknown of " + total + " val prompt tokens";
  }

  private static Provenance provenance(RunSpec spec, String phase, Record cfg) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("phase", phase);
    config.put("preset", spec.preset().id());
    config.put("reward", spec.reward());
    config.put("data", spec.data().toAbsolutePath().toString());
    config.put("init", spec.init().map(Path::toString).orElse(""));
    config.put("settings", cfg.toString());
    return Provenance.here(config, spec.seed(), QaParquet.hash(spec.data()));
  }
}
