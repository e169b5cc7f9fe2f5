package spatialthinker.train.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Appends every step and validation to {@code metrics.jsonl}, one JSON object per line. */
public final class MetricsLog implements TrainListener {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;

  public MetricsLog(Path file) {
    this.file = file;
  }

  @Override
  public void onStep(Metrics m) {
    append(m);
  }

  @Override
  public void onValidation(Metrics m) {
    append(m);
  }

  private void append(Metrics m) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("phase", m.phase());
    line.put("kind", m.kind());
    line.put("step", m.step());
    m.values().forEach((k, v) -> line.put(k, finite(v)));
    try {
      Files.writeString(
          file,
          MAPPER.writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  private static Object finite(Object v) {
    return v instanceof Double d && !Double.isFinite(d) ? d.toString() : v;
  }

  /**
   * Drops lines of steps after {@code step}: a resumed run repeats those steps from its checkpoint
   * and would otherwise log them twice.
   */
  public static void truncateAfter(Path file, long step) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank() && MAPPER.readTree(line).path("step").asLong() <= step) {
          kept.add(line);
        }
      }
      Files.write(file, kept);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
  }

  /** Reads every line of a metrics file. */
  public static List<Map<String, Object>> read(Path file) {
    try {
      List<Map<String, Object>> out = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = MAPPER.readValue(line, Map.class);
          out.add(m);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
