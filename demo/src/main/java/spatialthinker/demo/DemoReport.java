package spatialthinker.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.parse.ResponseParser;
import spatialthinker.core.parse.Tag;
import spatialthinker.core.parse.TagContent;
import spatialthinker.data.DatasetStats;
import spatialthinker.data.QaRow;
import spatialthinker.data.SynthesisJob;
import spatialthinker.data.io.QaJsonl;
import spatialthinker.eval.report.DataSection;
import spatialthinker.eval.report.HtmlReport;
import spatialthinker.eval.report.ReportInput;
import spatialthinker.eval.report.RunReport;
import spatialthinker.eval.report.TrainingLog;

/**
 * The demo's report: the evaluation module's HTML report, given the demo's data set (charts and one
 * example per category from the val split), its training logs and its stage times.
 */
final class DemoReport {

  private static final ResponseParser PARSER = new ResponseParser();

  private DemoReport() {}

  /** Writes {@code report.html} and returns its path. */
  static Path write(DemoConfig c, List<Arm> arms, Map<String, String> stages, String wall) {
    DemoLayout layout = c.layout();
    List<QaRow> rows = rows(layout.data());
    List<RunReport.Run> runs = new ArrayList<>();
    List<Path> dirs = arms.stream().map(layout::evaluation).toList();
    List<RunReport.Run> read = RunReport.of(dirs).runs();
    for (int i = 0; i < arms.size(); i++) {
      RunReport.Run r = read.get(i);
      runs.add(
          new RunReport.Run(
              r.dir(), arms.get(i).label(), r.summary(), r.predictions(), r.manifest()));
    }
    List<TrainingLog> logs = new ArrayList<>();
    for (Arm a : arms) {
      logs.add(TrainingLog.read(a.label(), layout.training(a)));
    }
    long val = rows.stream().filter(r -> r.split().equals(QaRow.VAL)).count();
    List<String> notes =
        List.of(
            String.format(
                Locale.ROOT,
                "%s preset: %,d rendered scenes → %,d QA rows (%,d train / %,d val) → SFT %,d steps"
                    + " → GRPO %,d steps (%s) → evaluated on up to %,d val items per policy through"
                    + " the OpenAI-compatible policy server.",
                c.name(),
                c.plan().scenes(),
                rows.size(),
                rows.size() - val,
                val,
                c.plan().sftSteps(),
                c.plan().grpoSteps(),
                arms.contains(Arm.SPARSE) ? "dense and sparse reward" : "dense reward",
                c.plan().evalItems()),
            "Wall time " + wall + ". Re-run the same command to resume or to rebuild this page.",
            BlindControls.verdict(accuracies(arms, runs), rows));
    notes = notes.stream().filter(n -> !n.isBlank()).toList();
    Map<String, Map<String, String>> prov = new LinkedHashMap<>();
    prov.put("Demo configuration", configuration(c));
    prov.put("Stages (seconds, input hash)", stages);
    ReportInput input =
        new ReportInput(
            "SpatialThinker-J demo",
            notes,
            runs,
            Optional.of(data(rows, layout.data())),
            logs,
            prov,
            ReportInput.DEFAULT_MAX_PREDICTIONS);
    new HtmlReport(input).write(layout.report());
    return layout.report();
  }

  private static Map<Arm, Double> accuracies(List<Arm> arms, List<RunReport.Run> runs) {
    Map<Arm, Double> m = new java.util.EnumMap<>(Arm.class);
    for (int i = 0; i < arms.size(); i++) {
      m.put(arms.get(i), runs.get(i).summary().accuracy().value());
    }
    return m;
  }

  private static Map<String, String> configuration(DemoConfig c) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(
        "command",
        "spatialthinker demo --out "
            + c.out()
            + " --preset "
            + c.name()
            + (c.compare() ? " --compare" : "")
            + " --seed "
            + c.seed());
    m.put("plan", c.plan().toString());
    m.put("teacher responses", DataSteps.TEACHER.id());
    m.put(
        "evaluation",
        EvalStep.BENCHMARK
            + ", template "
            + EvalStep.TEMPLATE.cliName()
            + ", greedy, max tokens "
            + EvalStep.maxTokens(c));
    m.put("threads", Integer.toString(c.threads()));
    m.put("torch intra-op threads", System.getProperty(Demo.TORCH_THREADS, "default"));
    m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return m;
  }

  static List<QaRow> rows(Path parquet) {
    Path mirror = SynthesisJob.mirrorOf(parquet);
    try {
      List<String> lines = Files.readAllLines(mirror, StandardCharsets.UTF_8);
      List<QaRow> out = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).isBlank()) {
          out.add(QaJsonl.parse(lines.get(i), mirror + " line " + (i + 1)));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + mirror, e);
    }
  }

  private static DataSection data(List<QaRow> rows, Path parquet) {
    DatasetStats stats = DatasetStats.of(rows);
    List<String> cats = new ArrayList<>(stats.byCategory().keySet());
    List<String> levels = List.of("easy", "medium", "hard");
    List<DataSection.Bars> charts = new ArrayList<>();
    charts.add(bySplit("Questions per category", cats, rows, QaRow::category));
    charts.add(bySplit("Difficulty level", levels, rows, QaRow::level));
    List<String> letters = new ArrayList<>(stats.uniformShare().keySet());
    charts.add(
        new DataSection.Bars(
            "Correct answer letter",
            letters,
            List.of(
                new DataSection.BarSeries("share of rows", values(letters, stats.letterShare())),
                new DataSection.BarSeries(
                    "uniform shuffle", values(letters, stats.uniformShare()))),
            true));
    Map<String, Double> objects = new TreeMap<>();
    for (QaRow r : rows) {
      int n = truth(r).map(g -> g.objects().size()).orElse(0);
      objects.merge(n >= 5 ? "5+" : Integer.toString(n), 1.0, Double::sum);
    }
    List<String> objLabels = new ArrayList<>(objects.keySet());
    charts.add(
        new DataSection.Bars(
            "Objects in the ground-truth scene graph",
            objLabels,
            List.of(new DataSection.BarSeries("rows", values(objLabels, objects))),
            false));
    List<DataSection.Example> examples = new ArrayList<>();
    Path base = SynthesisJob.mirrorOf(parquet).getParent();
    for (String cat : cats) {
      rows.stream()
          .filter(r -> r.split().equals(QaRow.VAL) && r.category().equals(cat))
          .findFirst()
          .ifPresent(r -> examples.add(example(r, base)));
    }
    Map<String, Integer> images = stats.imagesBySplit();
    String description =
        String.format(
            Locale.ROOT,
            "%,d rows (%,d train, %,d val) about %,d images (%,d train, %,d val; %d in both"
                + " splits: the val split holds whole images training never sees). Largest gap"
                + " between a letter's share and a uniform shuffle's: %.1f points.",
            stats.rows(),
            stats.bySplit().getOrDefault(QaRow.TRAIN, 0),
            stats.bySplit().getOrDefault(QaRow.VAL, 0),
            images.getOrDefault(QaRow.TRAIN, 0) + images.getOrDefault(QaRow.VAL, 0),
            images.getOrDefault(QaRow.TRAIN, 0),
            images.getOrDefault(QaRow.VAL, 0),
            stats.imagesInBothSplits(),
            stats.maxLetterDeviation());
    return new DataSection(description, charts, examples);
  }

  private static DataSection.Bars bySplit(
      String title,
      List<String> labels,
      List<QaRow> rows,
      java.util.function.Function<QaRow, String> key) {
    double[] train = new double[labels.size()];
    double[] val = new double[labels.size()];
    for (QaRow r : rows) {
      int i = labels.indexOf(key.apply(r));
      if (i >= 0) {
        (r.split().equals(QaRow.VAL) ? val : train)[i]++;
      }
    }
    return new DataSection.Bars(
        title,
        labels,
        List.of(new DataSection.BarSeries("train", train), new DataSection.BarSeries("val", val)),
        false);
  }

  private static double[] values(List<String> labels, Map<String, Double> m) {
    return labels.stream().mapToDouble(l -> m.getOrDefault(l, 0.0)).toArray();
  }

  private static Optional<SceneGraph> truth(QaRow r) {
    return PARSER.readScene(TagContent.find(Tag.SCENE, r.answerOptionText())).graph();
  }

  private static DataSection.Example example(QaRow r, Path base) {
    Path image = base.resolve(r.imageFile());
    try {
      return new DataSection.Example(
          r.category() + " · " + r.level(),
          r.questionWithOptions(),
          r.answerOptionTextOnly(),
          Files.readAllBytes(image),
          truth(r));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the image " + image + " of row " + r.qaId(), e);
    }
  }
}
