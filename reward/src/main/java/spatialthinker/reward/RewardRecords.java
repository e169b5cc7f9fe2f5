package spatialthinker.reward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reward records as JSONL: reads {@code {"response", "ground_truth", "problem"}} lines and writes
 * {@code {"overall", "format", "count", "accuracy", "spatial"}} lines in the same order.
 */
public final class RewardRecords {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final StrictJson LINES = new StrictJson(Integer.MAX_VALUE);

  private RewardRecords() {}

  /**
   * Reads every record of a JSONL file; blank lines are skipped. A line that is not a JSON object
   * with string fields {@code response}, {@code ground_truth} and {@code problem} raises {@link
   * MalformedRecordException} naming the file and line.
   */
  public static List<NumberedInput> read(Path file) {
    List<NumberedInput> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        out.add(new NumberedInput(lineNo, parse(line, file + ":" + lineNo)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Parses one record from JSON text; {@code where} prefixes error messages. */
  public static RewardInput parse(String json, String where) {
    JsonNode node;
    try {
      node = LINES.read(json);
    } catch (StrictJson.InvalidJsonException e) {
      throw new MalformedRecordException(where + ": " + e.getMessage());
    }
    return fromJson(node, where);
  }

  /** A record from a JSON object; {@code where} prefixes error messages. */
  public static RewardInput fromJson(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new MalformedRecordException(where + ": not a JSON object");
    }
    return new RewardInput(
        field(node, "response", where),
        field(node, "ground_truth", where),
        field(node, "problem", where));
  }

  private static String field(JsonNode node, String name, String where) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new MalformedRecordException(where + ": missing field '" + name + "'");
    }
    if (!v.isTextual()) {
      throw new MalformedRecordException(where + ": field '" + name + "' is not a string");
    }
    return v.textValue();
  }

  /** The JSON object of a score, keys in the documented order. */
  public static ObjectNode toJson(RewardScore s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("overall", s.overall());
    o.put("format", s.format());
    o.put("count", s.count());
    o.put("accuracy", s.accuracy());
    o.put("spatial", s.spatial());
    return o;
  }

  /**
   * Writes scores as JSONL atomically: to a temporary file beside the target, then moved over it,
   * so a failure never leaves a partial output.
   */
  public static void write(Path file, List<RewardScore> scores) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try {
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          for (RewardScore s : scores) {
            out.write(MAPPER.writeValueAsString(toJson(s)));
            out.write('\n');
          }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** A record with the 1-based line it came from. */
  public record NumberedInput(int line, RewardInput input) {}
}
