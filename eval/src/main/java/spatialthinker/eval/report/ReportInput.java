package spatialthinker.eval.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one HTML report shows. Only the runs are required: an {@code eval report} of any
 * model's runs has no data section of its own and no training.
 *
 * @param title the page title
 * @param notes short lines under the title (plain text)
 * @param runs evaluation runs, one results column each
 * @param data the training data set, if the report is about one
 * @param training training logs, one curve per log in each chart
 * @param provenance extra provenance tables (title → rows of name → value), shown before the runs'
 * @param maxPredictions the most predictions per run the browser embeds (with their images)
 */
public record ReportInput(
    String title,
    List<String> notes,
    List<RunReport.Run> runs,
    Optional<DataSection> data,
    List<TrainingLog> training,
    Map<String, Map<String, String>> provenance,
    int maxPredictions) {

  /** Predictions per run the browser embeds unless told otherwise. */
  public static final int DEFAULT_MAX_PREDICTIONS = 300;

  public ReportInput {
    Objects.requireNonNull(title, "title");
    notes = List.copyOf(notes);
    runs = List.copyOf(runs);
    Objects.requireNonNull(data, "data");
    training = List.copyOf(training);
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    provenance.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    provenance = Collections.unmodifiableMap(copy);
    if (runs.isEmpty() && training.isEmpty() && data.isEmpty()) {
      throw new IllegalArgumentException(
          "a report needs at least one run, training log or data set");
    }
    if (maxPredictions < 0) {
      throw new IllegalArgumentException("maxPredictions must be >= 0, got " + maxPredictions);
    }
  }

  /**
   * A report of directories, as {@code eval report} is given them: evaluation runs (holding {@code
   * predictions.jsonl}) and training runs (holding {@code metrics.jsonl}), in the order given.
   *
   * @throws IllegalArgumentException naming a directory that is neither
   */
  public static ReportInput ofDirectories(String title, List<Path> dirs, int maxPredictions) {
    List<Path> runDirs = new ArrayList<>();
    List<TrainingLog> logs = new ArrayList<>();
    for (Path d : dirs) {
      if (Files.isRegularFile(d.resolve("predictions.jsonl"))) {
        runDirs.add(d);
      } else if (Files.isRegularFile(d.resolve("metrics.jsonl"))) {
        Path name = d.toAbsolutePath().normalize().getFileName();
        logs.add(TrainingLog.read(name == null ? d.toString() : name.toString(), d));
      } else {
        throw new IllegalArgumentException(
            d
                + ": neither an evaluation run (predictions.jsonl) nor a training run (metrics.jsonl)");
      }
    }
    List<RunReport.Run> runs = runDirs.isEmpty() ? List.of() : RunReport.of(runDirs).runs();
    return new ReportInput(
        title, List.of(), runs, Optional.empty(), logs, Map.of(), maxPredictions);
  }
}
