package spatialthinker.eval.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spatialthinker.core.answer.Choices;
import spatialthinker.eval.load.AnswerKeys;

/**
 * Re-extracts and re-scores saved responses: ours ({@code predictions.jsonl}) or any harness's
 * JSONL whose lines hold at least {@code response}, {@code choices} (option texts, as a list or a
 * Python/JSON list string) and {@code answer} (a letter, option text or index). Each output line is
 * the input line with {@code pred} (a letter, or null) and {@code correct} set.
 */
public final class Rescorer {

  /** One rescored line: the output object and the same as a {@link Prediction}. */
  public record Line(int number, ObjectNode out, Prediction prediction) {}

  private Rescorer() {}

  /**
   * Rescores a file.
   *
   * @throws IllegalArgumentException {@code FILE:LINE: reason} for the first bad line
   */
  public static List<Line> rescore(Path input) {
    ItemScorer scorer = new ItemScorer();
    List<Line> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      String text;
      int n = 0;
      while ((text = r.readLine()) != null) {
        n++;
        if (text.isBlank()) {
          continue;
        }
        try {
          out.add(line(n, text, scorer));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(input + ":" + n + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input, e);
    }
    return out;
  }

  private static Line line(int n, String text, ItemScorer scorer) {
    JsonNode node;
    try {
      node = PredictionJson.JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (!(node instanceof ObjectNode o)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Choices choices = choices(o);
    JsonNode ans = required(o, "answer");
    String answer = answer(ans, choices);
    JsonNode resp = o.get("response");
    if (resp == null) {
      throw new IllegalArgumentException("missing field 'response'");
    }
    Optional<String> response = resp.isNull() ? Optional.empty() : Optional.of(resp.asText());
    Optional<String> gt = text(o, "ground_truth");
    Optional<Prediction.ImageSize> size = Optional.empty();
    if (o.path("image_size").isArray() && o.path("image_size").size() == 2) {
      size =
          Optional.of(
              new Prediction.ImageSize(
                  o.path("image_size").get(0).asInt(), o.path("image_size").get(1).asInt()));
    }
    Optional<String> error = text(o, "error");
    Scored s =
        response.isPresent() && error.isEmpty()
            ? scorer.score(
                response.get(),
                choices,
                answer,
                gt,
                size.map(z -> new int[] {z.width(), z.height()}))
            : new Scored(Optional.empty(), false, "failed", Optional.empty());
    ObjectNode copy = o.deepCopy();
    if (s.pred().isPresent()) {
      copy.put("pred", s.pred().get());
    } else {
      copy.putNull("pred");
    }
    copy.put("correct", s.correct());
    copy.put("extraction", s.rule());
    Prediction p =
        Prediction.builder(
                text(o, "benchmark").orElse("input"),
                o.path("index").canConvertToLong() ? o.path("index").asLong() : n - 1)
            .id(text(o, "id").orElse(String.valueOf(n - 1)))
            .task(text(o, "task").orElse("all"))
            .source(text(o, "source"))
            .promptHash(text(o, "prompt_hash").orElse(""))
            .response(response)
            .answer(answer)
            .choices(choices.options())
            .scored(s)
            .latencyMs(o.path("latency_ms").asLong(0))
            .attempts(o.path("attempts").asInt(1))
            .finishReason(text(o, "finish_reason"))
            .error(error)
            .imageSize(size)
            .groundTruthScene(gt)
            .fields(PredictionJson.fields(o))
            .build();
    return new Line(n, copy, p);
  }

  private static Choices choices(ObjectNode o) {
    JsonNode c = required(o, "choices");
    try {
      if (c.isArray()) {
        List<String> out = new ArrayList<>();
        c.forEach(x -> out.add(x.asText()));
        return AnswerKeys.options(out, true);
      } else if (c.isTextual()) {
        return AnswerKeys.options(c.textValue(), true);
      }
    } catch (AnswerKeys.Invalid e) {
      throw new IllegalArgumentException("field 'choices': " + e.getMessage());
    }
    throw new IllegalArgumentException("field 'choices' is not a list");
  }

  /** The ground truth, read by the same rules as a benchmark's data. */
  private static String answer(JsonNode ans, Choices choices) {
    try {
      return choices.isEmpty()
          ? AnswerKeys.freeForm(ans.asText())
          : AnswerKeys.letter(ans.asText(), choices, ans.isIntegralNumber());
    } catch (AnswerKeys.Invalid e) {
      throw new IllegalArgumentException("field 'answer': " + e.getMessage());
    }
  }

  private static JsonNode required(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return n;
  }

  private static Optional<String> text(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  /** A saved prediction read again with the current extraction (a failed request stays failed). */
  public static Prediction rescore(Prediction p, ItemScorer scorer) {
    if (p.failed() || p.response().isEmpty()) {
      return p;
    }
    Scored s =
        scorer.score(
            p.response().get(),
            new Choices(p.choices()),
            p.answer(),
            p.groundTruthScene(),
            p.imageSize().map(z -> new int[] {z.width(), z.height()}));
    return p.toBuilder()
        .outcome(s.pred(), s.correct(), s.rule())
        .grounding(s.grounding().or(p::grounding))
        .build();
  }

  /** Writes the rescored lines, in input order, atomically. */
  public static void write(Path out, List<Line> lines) {
    Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".tmp");
    StringBuilder b = new StringBuilder();
    lines.forEach(l -> b.append(l.out().toString()).append('\n'));
    try {
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /** One summary per benchmark named in the lines ({@code input} when none is). */
  public static Map<String, Summary> summaries(List<Line> lines) {
    Map<String, List<Prediction>> byBench = new LinkedHashMap<>();
    for (Line l : lines) {
      byBench
          .computeIfAbsent(l.prediction().benchmark(), b -> new ArrayList<>())
          .add(l.prediction());
    }
    Map<String, Summary> out = new LinkedHashMap<>();
    byBench.forEach((b, preds) -> out.put(b, Scoreboard.summarize(b, dedupeIndices(preds))));
    return out;
  }

  /** Lines of other harnesses may repeat an index; number them by position then. */
  private static List<Prediction> dedupeIndices(List<Prediction> preds) {
    if (preds.stream().map(Prediction::index).distinct().count() == preds.size()) {
      return preds;
    }
    List<Prediction> out = new ArrayList<>();
    for (int i = 0; i < preds.size(); i++) {
      Prediction p = preds.get(i);
      out.add(p.toBuilder().index(i).build());
    }
    return out;
  }
}
