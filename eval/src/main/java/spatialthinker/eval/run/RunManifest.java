package spatialthinker.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import spatialthinker.clients.ModelInfo;
import spatialthinker.clients.RetrySettings;
import spatialthinker.core.provenance.Provenance;
import spatialthinker.eval.benchmark.Benchmark;
import spatialthinker.eval.load.BenchmarkData;
import spatialthinker.eval.score.PredictionJson;

/**
 * {@code run.json}: a run's full configuration and provenance, written before the first request and
 * updated as sessions finish. It records the environment variable an API key came from, never the
 * key.
 */
public final class RunManifest {

  /** The fields a resumed run must share with the run it continues. */
  private static final List<String> MUST_MATCH =
      List.of(
          "/benchmark/name",
          "/data/hash",
          "/model/provider",
          "/model/model",
          "/generation/template",
          "/generation/max_tokens",
          "/generation/temperature",
          "/generation/extra_body");

  private final Path file;
  private final ObjectNode root;

  private RunManifest(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  /** A new manifest for a run. */
  public static RunManifest create(
      Path file,
      RunConfig config,
      BenchmarkData data,
      ModelInfo model,
      Optional<String> apiKeyEnv,
      RetrySettings retry,
      Provenance provenance) {
    ObjectNode o = PredictionJson.JSON.createObjectNode();
    o.put("format", "spatialthinker-eval-run/1");
    Benchmark b = config.benchmark();
    o.putObject("benchmark")
        .put("name", b.name())
        .put("title", b.title())
        .put("hf_repo", b.hfRepo())
        .put("hf_config", b.hfConfig())
        .put("split", b.split())
        .put("expected_items", b.expectedTotal());
    ObjectNode d = o.putObject("data");
    d.put("path", config.data().toAbsolutePath().toString());
    ArrayNode files = d.putArray("files");
    data.files().forEach(f -> files.add(f.getFileName().toString()));
    d.put("hash", data.dataHash());
    d.put("items", data.items().size());
    ObjectNode m = o.putObject("model");
    m.put("provider", model.provider())
        .put("model", model.model())
        .put("endpoint", model.endpoint());
    if (apiKeyEnv.isPresent()) {
      m.put("api_key_env", apiKeyEnv.get());
    } else {
      m.putNull("api_key_env");
    }
    ObjectNode g = o.putObject("generation");
    g.put("template", config.template().cliName());
    g.put("max_tokens", config.maxTokens());
    if (config.temperature().isPresent()) {
      g.put("temperature", config.temperature().getAsDouble());
    } else {
      g.putNull("temperature");
    }
    g.set("extra_body", redacted(PredictionJson.JSON.valueToTree(config.extraBody())));
    ObjectNode r = o.putObject("run");
    r.put("concurrency", config.concurrency());
    if (config.limit().isPresent()) {
      r.put("limit", config.limit().getAsLong());
    } else {
      r.putNull("limit");
    }
    r.putObject("retry")
        .put("max_attempts", retry.maxAttempts())
        .put("initial_delay_ms", retry.initialDelay().toMillis())
        .put("max_delay_ms", retry.maxDelay().toMillis())
        .put("jitter", retry.jitter());
    r.put("fsync", config.fsync());
    o.putObject("provenance")
        .put("git_sha", provenance.gitSha())
        .put("git_dirty", provenance.gitDirty())
        .put("jdk", provenance.jdk())
        .put("os", provenance.os())
        .put("started_at", provenance.created());
    o.putArray("sessions");
    return new RunManifest(file, o);
  }

  private static final java.util.regex.Pattern SECRET =
      java.util.regex.Pattern.compile(
          "(?i)(?:|.*[_-])(?:api[_-]?key|key|token|secret|password|passwd|authorization|auth"
              + "|credentials?)");

  /** The extra body with the values of fields named like secrets replaced. */
  static JsonNode redacted(JsonNode node) {
    if (node instanceof ObjectNode o) {
      ObjectNode copy = PredictionJson.JSON.createObjectNode();
      o.properties()
          .forEach(
              e ->
                  copy.set(
                      e.getKey(),
                      SECRET.matcher(e.getKey()).matches()
                          ? copy.textNode("<redacted>")
                          : redacted(e.getValue())));
      return copy;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode copy = PredictionJson.JSON.createArrayNode();
      a.forEach(v -> copy.add(redacted(v)));
      return copy;
    }
    return node;
  }

  /** The manifest of an existing run, if it has one. */
  public static Optional<RunManifest> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = PredictionJson.JSON.readTree(file.toFile());
      if (!(n instanceof ObjectNode o)) {
        throw new IllegalArgumentException(file + " is not a JSON object");
      }
      return Optional.of(new RunManifest(file, o));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not readable JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that a resumed run matches this one.
   *
   * @throws IllegalArgumentException naming the first field that differs
   */
  public void requireSameRun(RunManifest other) {
    for (String ptr : MUST_MATCH) {
      JsonNode a = root.at(ptr);
      JsonNode b = other.root.at(ptr);
      if (!a.equals(b)) {
        throw new IllegalArgumentException(
            "--resume: "
                + file
                + " was made with "
                + ptr.substring(1).replace('/', '.')
                + " = "
                + a
                + ", this run has "
                + b);
      }
    }
  }

  /**
   * Records the start of a session (one invocation), written before its first request so that a
   * session killed before it ends stays listed, with {@code finished_at} null.
   */
  public void startSession(Instant start, boolean resumed) {
    ((ArrayNode) root.path("sessions"))
        .addObject()
        .put("started_at", start.toString())
        .putNull("finished_at")
        .put("resumed", resumed)
        .putNull("new_predictions")
        .putNull("predictions");
  }

  /** Completes the session {@link #startSession} opened with what it added. */
  public void finishSession(Instant end, long newPredictions, long total) {
    ArrayNode sessions = (ArrayNode) root.path("sessions");
    ((ObjectNode) sessions.get(sessions.size() - 1))
        .put("finished_at", end.toString())
        .put("new_predictions", newPredictions)
        .put("predictions", total);
  }

  /** The benchmark name of the run. */
  public String benchmark() {
    return root.at("/benchmark/name").asText();
  }

  /** A short label for reports: model and template. */
  public String label() {
    return root.at("/model/model").asText("?")
        + " · "
        + root.at("/generation/template").asText("?");
  }

  /** The manifest as JSON. */
  public ObjectNode json() {
    return root;
  }

  /** Writes the manifest (atomically). */
  public void write() {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(
          tmp,
          PredictionJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
          StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Keeps the earlier run's sessions (killed ones included) and the first session's start time when
   * resuming.
   */
  public void continueFrom(RunManifest earlier) {
    JsonNode sessions = earlier.root.path("sessions");
    root.set("sessions", sessions.isArray() ? sessions.deepCopy() : root.arrayNode());
    JsonNode first = earlier.root.at("/provenance/first_started_at");
    if (first.isMissingNode() || first.isNull()) {
      first = earlier.root.at("/provenance/started_at");
    }
    if (!first.isMissingNode()) {
      ((ObjectNode) root.path("provenance")).set("first_started_at", first);
    }
  }
}
