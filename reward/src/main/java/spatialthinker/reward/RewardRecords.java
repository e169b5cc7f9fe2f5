package spatialthinker.reward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
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
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
      int lineNo = 0;
      boolean more = true;
      while (more) {
        int b;
        line.reset();
        while ((b = in.read()) >= 0 && b != '\n') {
          line.write(b);
        }
        more = b >= 0;
        if (!more && line.size() == 0) {
          break;
        }
        lineNo++;
        String text = decode(utf8, line.toByteArray(), file + ":" + lineNo);
        if (text.isBlank()) {
          continue;
        }
        out.add(new NumberedInput(lineNo, parse(text, file + ":" + lineNo)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** One line's bytes as text; bytes that are not UTF-8 name the line and the byte. */
  private static String decode(CharsetDecoder utf8, byte[] bytes, String where) {
    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, end);
    CharBuffer out = CharBuffer.allocate(end);
    utf8.reset();
    CoderResult r = utf8.decode(in, out, true);
    if (!r.isError()) {
      r = utf8.flush(out);
    }
    if (r.isError()) {
      throw new MalformedRecordException(
          where + ": not valid UTF-8 (byte " + (in.position() + 1) + " of the line)");
    }
    return out.flip().toString();
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
        readableByAll(tmp);
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

  /** Mode 0644 where the file system has POSIX permissions (temporary files start at 0600). */
  private static void readableByAll(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /** A record with the 1-based line it came from. */
  public record NumberedInput(int line, RewardInput input) {}
}
