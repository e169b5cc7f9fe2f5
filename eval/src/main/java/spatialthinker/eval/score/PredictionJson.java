package spatialthinker.eval.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spatialthinker.clients.Usage;

/** {@link Prediction} to and from one JSON line, with the field names of DESIGN.md §3. */
public final class PredictionJson {

  public static final ObjectMapper JSON = new ObjectMapper();

  private PredictionJson() {}

  /** The prediction as one line of JSON (no line break). */
  public static String write(Prediction p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("benchmark", p.benchmark());
    o.put("index", p.index());
    o.put("id", p.id());
    o.put("task", p.task());
    p.source().ifPresent(s -> o.put("source", s));
    o.put("prompt_hash", p.promptHash());
    putOptional(o, "response", p.response());
    putOptional(o, "pred", p.pred());
    o.put("answer", p.answer());
    o.put("correct", p.correct());
    ArrayNode ch = o.putArray("choices");
    p.choices().forEach(ch::add);
    o.put("extraction", p.rule());
    o.put("latency_ms", p.latencyMs());
    o.put("attempts", p.attempts());
    putOptional(o, "finish_reason", p.finishReason());
    p.usage()
        .ifPresent(
            u ->
                o.putObject("usage")
                    .put("prompt_tokens", u.promptTokens())
                    .put("completion_tokens", u.completionTokens()));
    putOptional(o, "error", p.error());
    p.imageSize().ifPresent(s -> o.putArray("image_size").add(s.width()).add(s.height()));
    p.grounding()
        .ifPresent(
            g ->
                o.putObject("grounding")
                    .put("format", g.formatOk())
                    .put("matched_iou", g.matchedIou())
                    .put("dense_reward", g.denseReward()));
    p.groundTruthScene().ifPresent(s -> o.put("ground_truth", s));
    if (!p.fields().isEmpty()) {
      ObjectNode f = o.putObject("fields");
      p.fields().forEach(f::put);
    }
    return o.toString();
  }

  /** The {@code fields} object of a line (the item's metric columns); empty when absent. */
  public static Map<String, String> fields(JsonNode o) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode f = o.path("fields");
    if (f.isObject()) {
      f.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /**
   * Reads a prediction line written by {@link #write}.
   *
   * @throws IllegalArgumentException naming the first missing or mistyped field
   */
  public static Prediction read(JsonNode o) {
    List<String> choices = new ArrayList<>();
    o.path("choices").forEach(c -> choices.add(c.asText()));
    Optional<Usage> usage =
        o.path("usage").isObject()
            ? Optional.of(
                new Usage(
                    o.path("usage").path("prompt_tokens").asLong(0),
                    o.path("usage").path("completion_tokens").asLong(0)))
            : Optional.empty();
    Optional<Prediction.ImageSize> size =
        o.path("image_size").isArray() && o.path("image_size").size() == 2
            ? Optional.of(
                new Prediction.ImageSize(
                    o.path("image_size").get(0).asInt(), o.path("image_size").get(1).asInt()))
            : Optional.empty();
    JsonNode g = o.path("grounding");
    Optional<Grounding> grounding =
        g.isObject()
            ? Optional.of(
                new Grounding(
                    g.path("format").asBoolean(),
                    g.path("matched_iou").asDouble(),
                    g.path("dense_reward").asDouble()))
            : Optional.empty();
    return Prediction.builder(text(o, "benchmark"), required(o, "index").asLong())
        .id(text(o, "id"))
        .task(text(o, "task"))
        .source(optional(o, "source"))
        .promptHash(text(o, "prompt_hash"))
        .response(optional(o, "response"))
        .answer(text(o, "answer"))
        .choices(choices)
        .outcome(
            optional(o, "pred"),
            required(o, "correct").asBoolean(),
            o.path("extraction").asText(""))
        .latencyMs(o.path("latency_ms").asLong(0))
        .attempts(o.path("attempts").asInt(1))
        .finishReason(optional(o, "finish_reason"))
        .usage(usage)
        .error(optional(o, "error"))
        .imageSize(size)
        .groundTruthScene(optional(o, "ground_truth"))
        .grounding(grounding)
        .fields(fields(o))
        .build();
  }

  private static JsonNode required(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return n;
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = required(o, field);
    if (!n.isValueNode()) {
      throw new IllegalArgumentException("field '" + field + "' is not a string");
    }
    return n.asText();
  }

  private static Optional<String> optional(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  private static void putOptional(ObjectNode o, String field, Optional<String> v) {
    if (v.isPresent()) {
      o.put(field, v.get());
    } else {
      o.putNull(field);
    }
  }
}
