package spatialthinker.train.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An arm's evaluation on disk ({@code evaluation.json}): the {@link ArmResult} and the key of what
 * it was computed from (checkpoint parameters, data, budget). A file that is unreadable, torn or of
 * another key is ignored, so the arm is evaluated again.
 */
final class SavedEvaluation {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SavedEvaluation() {}

  /** The saved result when {@code file} holds one for {@code key}. */
  static Optional<ArmResult> read(Path file, String key) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = MAPPER.readTree(file.toFile());
      if (n == null || !key.equals(n.path("key").asText(null))) {
        return Optional.empty();
      }
      Map<String, Double> byCategory = new TreeMap<>();
      n.path("by_category")
          .fields()
          .forEachRemaining(e -> byCategory.put(e.getKey(), e.getValue().asDouble()));
      return Optional.of(
          new ArmResult(
              n.path("arm").asText(),
              n.path("seed").asLong(),
              n.path("accuracy").asDouble(),
              n.path("answer_text").asDouble(),
              n.path("dense_reward").asDouble(),
              n.path("box_iou").asDouble(),
              n.path("format_rate").asDouble(),
              byCategory));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes the result under {@code key}, through a temporary file moved into place. */
  static void write(Path file, String key, ArmResult r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("key", key);
    n.put("arm", r.arm());
    n.put("seed", r.seed());
    n.put("accuracy", r.accuracy());
    n.put("answer_text", r.answerText());
    n.put("dense_reward", r.denseReward());
    n.put("box_iou", r.boxIou());
    n.put("format_rate", r.formatRate());
    ObjectNode cats = n.putObject("by_category");
    new TreeMap<>(r.byCategory()).forEach(cats::put);
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
