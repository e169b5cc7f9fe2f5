package spatialthinker.reward.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import spatialthinker.reward.RewardScore;

/** Writes the service's JSON answers. */
final class ResponseBodies {

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private final JsonFactory factory = new JsonFactory();

  /** {@code {"rewards": [...], "scores": [...], "extra_logs": {"format": [...], ...}}}. */
  byte[] openRlhf(List<RewardScore> scores) {
    return render(
        g -> {
          g.writeStartObject();
          array(g, "rewards", scores, RewardScore::overall);
          array(g, "scores", scores, RewardScore::overall);
          g.writeObjectFieldStart("extra_logs");
          array(g, "format", scores, RewardScore::format);
          array(g, "count", scores, RewardScore::count);
          array(g, "accuracy", scores, RewardScore::accuracy);
          array(g, "spatial", scores, RewardScore::spatial);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /** {@code {"scores": [{"overall", "format", "count", "accuracy", "spatial"}, ...]}}. */
  byte[] batch(List<RewardScore> scores) {
    return render(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("scores");
          for (RewardScore s : scores) {
            g.writeStartObject();
            g.writeNumberField("overall", s.overall());
            g.writeNumberField("format", s.format());
            g.writeNumberField("count", s.count());
            g.writeNumberField("accuracy", s.accuracy());
            g.writeNumberField("spatial", s.spatial());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * {@code {"status": "ok", "reward": name, "rejected": {"400": n, ...}, "last_rejected": "..."}}.
   */
  byte[] health(String rewardName, Map<Integer, Long> rejected, String lastRejected) {
    return render(
        g -> {
          g.writeStartObject();
          g.writeStringField("status", "ok");
          g.writeStringField("reward", rewardName);
          g.writeObjectFieldStart("rejected");
          for (Map.Entry<Integer, Long> e : rejected.entrySet()) {
            g.writeNumberField(String.valueOf(e.getKey()), e.getValue());
          }
          g.writeEndObject();
          g.writeStringField("last_rejected", lastRejected);
          g.writeEndObject();
        });
  }

  /** {@code {"error": message}}. */
  byte[] error(String message) {
    return render(
        g -> {
          g.writeStartObject();
          g.writeStringField("error", message);
          g.writeEndObject();
        });
  }

  private static void array(
      JsonGenerator g, String name, List<RewardScore> scores, ToDoubleFunction<RewardScore> value)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (RewardScore s : scores) {
      g.writeNumber(value.applyAsDouble(s));
    }
    g.writeEndArray();
  }

  private byte[] render(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = factory.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a JSON answer to memory", e);
    }
    return out.toByteArray();
  }
}
