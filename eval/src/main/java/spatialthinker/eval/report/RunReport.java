package spatialthinker.eval.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import spatialthinker.eval.load.BadRow;
import spatialthinker.eval.run.EvalRunner;
import spatialthinker.eval.run.PredictionLog;
import spatialthinker.eval.run.RunManifest;
import spatialthinker.eval.score.ItemScorer;
import spatialthinker.eval.score.Prediction;
import spatialthinker.eval.score.PredictionJson;
import spatialthinker.eval.score.Rescorer;
import spatialthinker.eval.score.Score;
import spatialthinker.eval.score.Scoreboard;
import spatialthinker.eval.score.Summary;

/**
 * Several runs side by side: one column per run (model · template), one row per benchmark, task and
 * benchmark score. Scores are recomputed from each run's predictions, so they reflect the current
 * answer extraction. This class reads the runs and writes the Markdown table; {@code
 * spatialthinker.eval.report.HtmlReport} writes the HTML report from the same runs.
 */
public final class RunReport {

  /**
   * A run as the report sees it.
   *
   * @param dir the run directory
   * @param label model and template, or the directory's name
   * @param summary the scores, recomputed from the predictions
   * @param predictions every prediction, re-read with the current extraction, in index order
   * @param manifest the run's {@code run.json}, when it has one
   */
  public record Run(
      Path dir,
      String label,
      Summary summary,
      List<Prediction> predictions,
      Optional<RunManifest> manifest) {
    public Run {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(summary, "summary");
      predictions = List.copyOf(predictions);
      Objects.requireNonNull(manifest, "manifest");
    }
  }

  private final List<Run> runs;

  /** A report of runs already read. */
  public RunReport(List<Run> runs) {
    this.runs = List.copyOf(runs);
  }

  /**
   * Reads run directories (each with {@code run.json} and {@code predictions.jsonl}).
   *
   * @throws IllegalArgumentException naming a directory that holds no run
   */
  public static RunReport of(List<Path> dirs) {
    List<Run> runs = new ArrayList<>();
    for (Path d : dirs) {
      Path preds = d.resolve("predictions.jsonl");
      if (!Files.isRegularFile(preds)) {
        throw new IllegalArgumentException(d + ": no predictions.jsonl (not a run directory)");
      }
      Optional<RunManifest> m = RunManifest.read(d.resolve("run.json"));
      ItemScorer scorer = new ItemScorer();
      List<Prediction> p =
          PredictionLog.readAll(preds).stream()
              .map(x -> Rescorer.rescore(x, scorer))
              .sorted(Comparator.comparingLong(Prediction::index))
              .toList();
      String bench =
          m.map(RunManifest::benchmark).orElse(p.isEmpty() ? "unknown" : p.get(0).benchmark());
      runs.add(
          new Run(
              d,
              m.map(RunManifest::label).orElse(d.getFileName().toString()),
              Scoreboard.summarize(bench, p, badRows(d.resolve(EvalRunner.BAD_ROWS_FILE))),
              p,
              m));
    }
    return new RunReport(runs);
  }

  /** The rows a run left out, read back from its {@code bad_rows.jsonl}; none when absent. */
  static List<BadRow> badRows(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<BadRow> out = new ArrayList<>();
    try {
      int n = 0;
      for (String line : Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        com.fasterxml.jackson.databind.JsonNode o;
        try {
          o = PredictionJson.JSON.readTree(line);
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException(file + ":" + n + ": not JSON");
        }
        out.add(
            new BadRow(
                o.path("index").asLong(),
                o.path("id").asText(""),
                o.path("file").asText(""),
                o.path("reason").asText("")));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  /** The runs, in the order given. */
  public List<Run> runs() {
    return runs;
  }

  private List<String[]> rows() {
    Set<String> keys = new LinkedHashSet<>();
    for (Run r : runs) {
      String b = r.summary().benchmark();
      keys.add(b + "\u0000*");
      r.summary().tasks().stream()
          .filter(t -> t.accuracy().n() > 0)
          .forEach(t -> keys.add(b + "\u0000task\u0000" + t.task()));
      r.summary().scores().keySet().forEach(s -> keys.add(b + "\u0000score\u0000" + s));
    }
    List<String[]> out = new ArrayList<>();
    for (String k : keys) {
      String[] parts = k.split("\u0000");
      String[] row = new String[runs.size() + 1];
      row[0] = parts[1].equals("*") ? "**" + parts[0] + "**" : parts[0] + " · " + parts[2];
      for (int i = 0; i < runs.size(); i++) {
        Summary s = runs.get(i).summary();
        row[i + 1] = s.benchmark().equals(parts[0]) ? cell(s, parts) : "";
      }
      out.add(row);
    }
    return out;
  }

  private static String cell(Summary s, String[] key) {
    if (key[1].equals("*")) {
      return s.accuracy().percent()
          + " (n="
          + s.items()
          + (s.badRows() > 0 ? ", " + s.badRows() + " bad rows left out" : "")
          + ")";
    }
    if (key[1].equals("task")) {
      return s.tasks().stream()
          .filter(t -> t.task().equals(key[2]))
          .findFirst()
          .map(t -> t.accuracy().percent())
          .orElse("");
    }
    Map<String, Score> scores = s.scores();
    return scores.containsKey(key[2]) ? scores.get(key[2]).percent() : "";
  }

  /** The report as a Markdown table (accuracy % ± standard error). */
  public String markdown() {
    StringBuilder b = new StringBuilder("| benchmark / task |");
    runs.forEach(r -> b.append(' ').append(r.label()).append(" |"));
    b.append("\n|---|");
    runs.forEach(r -> b.append("---:|"));
    b.append('\n');
    for (String[] row : rows()) {
      b.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return b.toString();
  }
}
