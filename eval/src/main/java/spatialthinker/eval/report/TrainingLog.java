package spatialthinker.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A training run's {@code metrics.jsonl} as the report reads it: per line the phase ({@code
 * sft}/{@code grpo}), the kind ({@code train}/{@code val}), the step and every numeric value. Read
 * as plain JSON so that evaluation needs nothing from the training module.
 *
 * @param label the run's name in legends (e.g. {@code GRPO dense})
 * @param dir the run directory
 * @param points the lines, in file order
 */
public record TrainingLog(String label, Path dir, List<Point> points) {

  /** One line of the log. */
  public record Point(String phase, String kind, long step, Map<String, Double> values) {
    public Point {
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(kind, "kind");
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public TrainingLog {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(dir, "dir");
    points = List.copyOf(points);
  }

  /**
   * Reads {@code dir/metrics.jsonl}. A line cut short by a killed run (the last one) is skipped.
   *
   * @throws IllegalArgumentException naming the file and line of any other unreadable line
   */
  public static TrainingLog read(String label, Path dir) {
    Path file = dir.resolve("metrics.jsonl");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        if (i == lines.size() - 1) {
          break;
        }
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": not JSON", e);
      }
      Map<String, Double> values = new LinkedHashMap<>();
      n.properties()
          .forEach(
              e -> {
                if (e.getValue().isNumber() && !e.getKey().equals("step")) {
                  values.put(e.getKey(), e.getValue().asDouble());
                }
              });
      out.add(
          new Point(
              n.path("phase").asText(""),
              n.path("kind").asText("train"),
              n.path("step").asLong(),
              values));
    }
    return new TrainingLog(label, dir, out);
  }

  /** Whether any line of this phase and kind has the metric. */
  public boolean has(String phase, String kind, String metric) {
    return points.stream()
        .anyMatch(
            p ->
                p.phase().equals(phase) && p.kind().equals(kind) && p.values().containsKey(metric));
  }

  /** Steps and values of a metric over the lines of one phase and kind, in step order. */
  public double[][] series(String phase, String kind, String metric) {
    List<Point> ps =
        points.stream()
            .filter(p -> p.phase().equals(phase) && p.kind().equals(kind))
            .filter(p -> p.values().containsKey(metric))
            .sorted(java.util.Comparator.comparingLong(Point::step))
            .toList();
    double[][] xy = new double[2][ps.size()];
    for (int i = 0; i < ps.size(); i++) {
      xy[0][i] = ps.get(i).step();
      xy[1][i] = ps.get(i).values().get(metric);
    }
    return xy;
  }

  /** The phases in the log, in first-seen order. */
  public List<String> phases() {
    return points.stream().map(Point::phase).distinct().toList();
  }
}
