package spatialthinker.data.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An append-only JSONL record of finished work, one JSON object per line keyed by a string field,
 * flushed line by line so a killed run loses at most the line being written (a cut-off last line is
 * ignored on reading). Thread-safe.
 */
public final class Journal implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;
  private final String keyField;
  private final Map<String, JsonNode> entries = new HashMap<>();
  private final BufferedWriter out;

  /**
   * Opens (and reads) a journal.
   *
   * @param file the JSONL file; created when missing
   * @param keyField the field that identifies an entry
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public Journal(Path file, String keyField) {
    this.file = file;
    this.keyField = keyField;
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      if (Files.exists(file)) {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
          end--;
        }
        if (end < bytes.length) {
          try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(end);
          }
        }
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode n = MAPPER.readTree(line);
          if (n != null && n.hasNonNull(keyField)) {
            entries.put(n.get(keyField).asText(), n);
          }
        }
      }
      this.out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open journal " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The entry for a key, if recorded. */
  public synchronized Optional<JsonNode> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Number of entries. */
  public synchronized int size() {
    return entries.size();
  }

  /** Records an entry (its key field must be set) and flushes it to disk. */
  public synchronized void put(ObjectNode entry) {
    String key = entry.path(keyField).asText();
    try {
      out.write(MAPPER.writeValueAsString(entry));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
    }
    entries.put(key, entry);
  }

  /** A new empty entry object. */
  public static ObjectNode entry() {
    return MAPPER.createObjectNode();
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
