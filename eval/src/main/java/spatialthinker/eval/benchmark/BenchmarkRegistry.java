package spatialthinker.eval.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmarks of the paper's evaluation script, read from local Hugging Face parquet. The
 * registry is data: {@code benchmarks.json} beside this class lists every benchmark (Hub
 * repository, config, split, file patterns, columns, per-task counts, prompt and answer styles,
 * metrics); column names and per-task counts follow the Hub datasets the reference script loads,
 * and {@code docs/benchmarks-data.md} says what to download for each.
 */
public final class BenchmarkRegistry {

  private static final String RESOURCE = "benchmarks.json";
  private static final Map<String, Benchmark> ALL = load();
  private static final Map<String, Benchmark> ALIASES = aliases(ALL);

  private BenchmarkRegistry() {}

  /** Every benchmark, in display order. */
  public static List<Benchmark> all() {
    return List.copyOf(ALL.values());
  }

  /** The benchmark of a name or alias (the reference script's names), case-insensitive. */
  public static Optional<Benchmark> find(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    return Optional.ofNullable(ALL.get(key)).or(() -> Optional.ofNullable(ALIASES.get(key)));
  }

  private static Map<String, Benchmark> aliases(Map<String, Benchmark> all) {
    Map<String, Benchmark> out = new LinkedHashMap<>();
    for (Benchmark b : all.values()) {
      for (String a : b.aliases()) {
        String key = a.toLowerCase(Locale.ROOT);
        if (all.containsKey(key) || out.put(key, b) != null) {
          throw new IllegalStateException(RESOURCE + ": alias " + a + " is taken");
        }
      }
    }
    return out;
  }

  /** The benchmark of a name, or an exception listing the known names. */
  public static Benchmark get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown benchmark '" + name + "'; known: " + String.join(", ", ALL.keySet())));
  }

  private static Map<String, Benchmark> load() {
    JsonNode root;
    try (InputStream in = BenchmarkRegistry.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the benchmark registry resource " + RESOURCE + " is missing");
      }
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the benchmark registry " + RESOURCE, e);
    }
    Map<String, Benchmark> m = new LinkedHashMap<>();
    for (JsonNode b : root.path("benchmarks")) {
      Benchmark bench;
      try {
        bench = benchmark(b);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            RESOURCE + ": benchmark '" + b.path("name").asText("?") + "': " + e.getMessage(), e);
      }
      if (m.put(bench.name(), bench) != null) {
        throw new IllegalStateException(RESOURCE + ": duplicate benchmark " + bench.name());
      }
    }
    return m;
  }

  private static Benchmark benchmark(JsonNode b) {
    String name = required(b, "name");
    JsonNode c = b.path("columns");
    List<String> images = new ArrayList<>();
    c.path("images").forEach(x -> images.add(x.asText()));
    ColumnMapping columns =
        new ColumnMapping(
            images,
            optional(c, "question"),
            required(c, "answer"),
            optional(c, "choices"),
            optional(c, "task"),
            optional(c, "source"),
            optional(c, "id"),
            optional(c, "scene"),
            texts(c.path("fields")));
    List<String> files = new ArrayList<>();
    b.path("files").forEach(x -> files.add(x.asText()));
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no file patterns");
    }
    Map<String, Integer> tasks = new LinkedHashMap<>();
    b.path("tasks").fields().forEachRemaining(e -> tasks.put(e.getKey(), e.getValue().asInt()));
    Set<Metric> metrics = new LinkedHashSet<>();
    b.path("metrics").forEach(x -> metrics.add(Metric.valueOf(x.asText())));
    List<String> aliases = new ArrayList<>();
    b.path("aliases").forEach(x -> aliases.add(x.asText()));
    List<PromptTemplate> templates = new ArrayList<>();
    b.path("templates").forEach(x -> templates.add(PromptTemplate.parse(x.asText())));
    return new Benchmark(
        name,
        required(b, "title"),
        required(b, "repo"),
        required(b, "config"),
        required(b, "split"),
        files,
        columns,
        optional(b, "single_task").orElse(name),
        tasks,
        b.path("total").asInt(-1),
        optional(b, "filter"),
        PromptStyle.valueOf(optional(b, "prompt").orElse("OPTIONS_IN_QUESTION")),
        AnswerStyle.valueOf(optional(b, "answers").orElse("CHOICES_COLUMN")),
        metrics,
        aliases,
        templates);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static String required(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not text");
    }
    return n.asText();
  }

  private static Optional<String> optional(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }
}
