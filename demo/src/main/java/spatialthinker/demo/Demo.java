package spatialthinker.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import spatialthinker.core.label.WordNetLabelSimilarity;
import spatialthinker.core.parse.ParseLimits;
import spatialthinker.eval.report.RunReport;
import spatialthinker.eval.score.Summary;
import spatialthinker.reward.RewardPresets;

/**
 * {@code spatialthinker demo}: the whole loop in one command, resumable. Render scenes → synthesise
 * and balance QA → SFT → GRPO with the dense reward (and, to compare, the sparse one, from the same
 * SFT start) → serve each policy in-process and evaluate it on the held-out split through the
 * evaluation module → the HTML report.
 *
 * <p>Each stage's inputs (its settings and the hashes of the stages it reads) are hashed; a
 * finished stage leaves a marker with that hash, and a later run with the same output directory
 * skips every stage whose marker matches. A stage that was interrupted continues from its own
 * partial output (scenes, rows, training checkpoints, predictions) when its inputs are unchanged,
 * and starts afresh otherwise; a changed stage changes the hash of every stage after it.
 */
public final class Demo {

  /** DJL's setting for PyTorch's intra-op threads. */
  static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";

  private static final String TORCH_INTEROP = "ai.djl.pytorch.num_interop_threads";
  private static final String VERSION = "demo/1";

  /**
   * What a run did.
   *
   * @param report the HTML report
   * @param stages seconds per stage (those of the earlier run for skipped stages)
   * @param skipped the stages an earlier run had finished
   * @param scores each evaluated arm's scores
   * @param blindVerdict one sentence on the sighted SFT against the blind controls (empty without
   *     the blind arm)
   */
  public record Result(
      Path report,
      Map<Stage, Double> stages,
      List<Stage> skipped,
      Map<Arm, Summary> scores,
      String blindVerdict) {

    /** Seconds over all stages. */
    public double seconds() {
      return stages.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  private final DemoConfig config;
  private final DemoListener listener;
  private final StageLedger ledger;
  private final Map<Stage, Double> seconds = new EnumMap<>(Stage.class);
  private final Map<Stage, String> hashes = new EnumMap<>(Stage.class);
  private final List<Stage> skipped = new ArrayList<>();

  public Demo(DemoConfig config, DemoListener listener) {
    this.config = config;
    this.listener = listener;
    this.ledger = new StageLedger(config.layout().out());
  }

  /** Runs the stages that are not finished yet and writes the report. */
  public Result run() {
    preferOneTorchThread();
    DemoLayout layout = config.layout();
    try {
      Files.createDirectories(layout.out());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create --out " + layout.out(), e);
    }
    DemoPlan p = config.plan();
    List<Arm> arms =
        config.compare()
            ? List.of(Arm.SFT, Arm.DENSE, Arm.SPARSE, Arm.BLIND)
            : List.of(Arm.SFT, Arm.DENSE, Arm.BLIND);
    RewardPresets rewards = new RewardPresets(WordNetLabelSimilarity::shared, ParseLimits.DEFAULT);

    String scenes =
        stage(
            Stage.SCENES,
            resume -> {
              if (!resume) {
                layout.reset(layout.scenes()); // scenes of another seed or size would be refused
              }
              DataSteps.scenes(config, layout.scenes(), listener);
            },
            VERSION,
            "scenes",
            p.scenes(),
            p.imageSize(),
            config.seed());
    String data =
        stage(
            Stage.DATA,
            resume -> {
              if (!resume) {
                layout.reset(layout.data().getParent());
              }
              DataSteps.qa(config, layout.scenes(), layout.data(), listener);
            },
            scenes,
            "qa",
            p.rows(),
            p.valSplit(),
            DataSteps.RELATION_PERCENT,
            DataSteps.TEACHER,
            config.seed());
    Map<Arm, String> trained = new EnumMap<>(Arm.class);
    trained.put(
        Arm.SFT,
        stage(
            Stage.SFT,
            resume ->
                TrainSteps.sft(
                    config,
                    rewards,
                    Arm.SFT,
                    layout.data(),
                    layout.training(Arm.SFT),
                    resume,
                    listener),
            data,
            "sft",
            p.model(),
            p.sftSteps(),
            config.seed()));
    for (Arm arm : arms) {
      if (arm == Arm.BLIND) {
        trained.put(
            arm,
            stage(
                Stage.training(arm),
                resume ->
                    TrainSteps.sft(
                        config,
                        rewards,
                        Arm.BLIND,
                        layout.data(),
                        layout.training(Arm.BLIND),
                        resume,
                        listener),
                data,
                "sft-blind",
                p.model(),
                p.sftSteps(),
                config.seed()));
      } else if (arm != Arm.SFT) {
        trained.put(
            arm,
            stage(
                Stage.training(arm),
                resume ->
                    TrainSteps.grpo(
                        config,
                        rewards,
                        arm,
                        layout.data(),
                        layout.training(Arm.SFT),
                        layout.training(arm),
                        resume,
                        listener),
                trained.get(Arm.SFT),
                "grpo",
                arm.reward(),
                p.model(),
                p.grpoSteps(),
                config.seed()));
      }
    }
    Map<Arm, Summary> scores = new EnumMap<>(Arm.class);
    for (Arm arm : arms) {
      stage(
          Stage.evaluation(arm),
          resume -> scores.put(arm, EvalStep.run(config, arm, resume, listener)),
          trained.get(arm),
          "eval",
          EvalStep.BENCHMARK,
          EvalStep.TEMPLATE,
          p.evalItems(),
          EvalStep.maxTokens(config));
    }
    // The report is always rebuilt: it is quick, and it shows this run's stage times.
    ledger.markStarted(Stage.REPORT, "always");
    listener.started(Stage.REPORT, 1);
    long t0 = System.nanoTime();
    Path report = DemoReport.write(config, arms, stageTable(), duration(totalSeconds()));
    double s = (System.nanoTime() - t0) / 1e9;
    seconds.put(Stage.REPORT, s);
    ledger.markDone(Stage.REPORT, "always", s);
    listener.progress(1, "");
    listener.finished(Stage.REPORT, s);
    for (Arm arm : arms) {
      scores.computeIfAbsent(
          arm, a -> RunReport.of(List.of(layout.evaluation(a))).runs().get(0).summary());
    }
    Map<Arm, Double> accuracy = new EnumMap<>(Arm.class);
    scores.forEach((a, sum) -> accuracy.put(a, sum.accuracy().value()));
    return new Result(
        report,
        Collections.unmodifiableMap(new EnumMap<>(seconds)),
        List.copyOf(skipped),
        Collections.unmodifiableMap(scores),
        BlindControls.verdict(accuracy, DemoReport.rows(layout.data())));
  }

  /** A stage's work; {@code resume} says whether its partial output may be continued. */
  private interface Body {
    void run(boolean resume);
  }

  /** Runs a stage unless finished with the same inputs; returns the stage's input hash. */
  private String stage(Stage stage, Body body, Object... inputs) {
    String[] parts = new String[inputs.length + 1];
    parts[0] = stage.id();
    for (int i = 0; i < inputs.length; i++) {
      parts[i + 1] = String.valueOf(inputs[i]);
    }
    String hash = StageLedger.hash(parts);
    hashes.put(stage, hash);
    Optional<StageLedger.Done> done = ledger.done(stage, hash);
    if (done.isPresent()) {
      seconds.put(stage, done.get().seconds());
      skipped.add(stage);
      listener.skipped(stage, done.get().seconds());
      return hash;
    }
    boolean resume = ledger.startedWith(stage, hash);
    ledger.markStarted(stage, hash);
    long t0 = System.nanoTime();
    body.run(resume);
    double s = (System.nanoTime() - t0) / 1e9;
    ledger.markDone(stage, hash, s);
    seconds.put(stage, s);
    listener.finished(stage, s);
    return hash;
  }

  private Map<String, String> stageTable() {
    Map<String, String> m = new LinkedHashMap<>();
    seconds.forEach(
        (st, s) ->
            m.put(
                st.id(),
                String.format(
                    Locale.ROOT,
                    "%.1f s%s · %s",
                    s,
                    skipped.contains(st) ? " (earlier run)" : "",
                    hashes.getOrDefault(st, ""))));
    return m;
  }

  private double totalSeconds() {
    return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** {@code 2 min 41 s}. */
  public static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60) : s + " s";
  }

  /**
   * One PyTorch thread unless the user chose otherwise: the policies are small, so each operation
   * is short, and on a 2-core machine shared with other work OpenMP's spinning worker threads made
   * SFT steps 3 to 10 times slower than one thread (docs/benchmarks.md). Takes effect only if the
   * engine has not started yet in this JVM.
   */
  static void preferOneTorchThread() {
    if (System.getProperty(TORCH_THREADS) == null) {
      System.setProperty(TORCH_THREADS, "1");
    }
    if (System.getProperty(TORCH_INTEROP) == null) {
      System.setProperty(TORCH_INTEROP, "1");
    }
  }
}
