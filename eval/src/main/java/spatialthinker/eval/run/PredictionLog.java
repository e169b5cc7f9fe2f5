package spatialthinker.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import spatialthinker.eval.score.Prediction;
import spatialthinker.eval.score.PredictionJson;

/**
 * The append-only {@code predictions.jsonl} of a run. Each prediction is written as one whole line
 * by a single positioned write, so a process killed at any moment leaves complete lines followed by
 * at most one torn line, which {@link #recover} cuts off. Lines are in completion order; each
 * carries its item's index.
 */
public final class PredictionLog implements AutoCloseable {

  /** What an existing log holds. */
  public record Contents(List<Prediction> predictions, long tornBytes) {
    public Contents {
      predictions = List.copyOf(predictions);
    }
  }

  private final Path file;
  private final FileChannel channel;
  private final boolean fsync;

  private PredictionLog(Path file, boolean fsync) throws IOException {
    this.file = file;
    this.fsync = fsync;
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Opens a log for appending, creating it when absent.
   *
   * @param fsync force each line to the disk (survives power loss, not only a killed process)
   */
  public static PredictionLog open(Path file, boolean fsync) {
    try {
      return new PredictionLog(file, fsync);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + " for appending", e);
    }
  }

  /** Appends one prediction as a line and flushes it to the operating system. */
  public synchronized void append(Prediction p) {
    ByteBuffer buf =
        ByteBuffer.wrap((PredictionJson.write(p) + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      if (fsync) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /**
   * Reads a log, cutting off a torn last line (text after the last line break, or a last line that
   * is not JSON) so that appending continues on a clean line. A missing file is an empty log.
   *
   * @throws IllegalArgumentException for a bad line before the last, or an item that appears twice
   */
  public static Contents recover(Path file) {
    if (!Files.exists(file)) {
      return new Contents(List.of(), 0);
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      List<Prediction> out = parse(file, new String(bytes, 0, end, StandardCharsets.UTF_8), true);
      long keep = end;
      if (out.size() < countLines(bytes, end)) {
        // The last complete line did not parse: a torn write that happened to end in a newline.
        int lastStart = end - 1;
        while (lastStart > 0 && bytes[lastStart - 1] != '\n') {
          lastStart--;
        }
        keep = lastStart;
      }
      long torn = bytes.length - keep;
      if (torn > 0) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(keep);
        }
      }
      return new Contents(out, torn);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Reads a log without changing it, ignoring a torn last line. */
  public static List<Prediction> readAll(Path file) {
    try {
      return parse(file, Files.readString(file, StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Replaces a log with the given predictions, atomically (for dropping failed items). */
  public static void rewrite(Path file, List<Prediction> keep) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    StringBuilder b = new StringBuilder();
    keep.forEach(p -> b.append(PredictionJson.write(p)).append('\n'));
    try {
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
  }

  private static List<Prediction> parse(Path file, String text, boolean tolerateTornLast) {
    List<String> lines = text.lines().toList();
    List<Prediction> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      boolean last = i == lines.size() - 1;
      Prediction p;
      try {
        JsonNode node = PredictionJson.JSON.readTree(line);
        p = PredictionJson.read(node);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        if (last && tolerateTornLast) {
          break;
        }
        throw new IllegalArgumentException(
            file
                + ":"
                + (i + 1)
                + ": not a prediction: "
                + e.getMessage().lines().findFirst().orElse(""));
      }
      if (!seen.add(p.index())) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": item " + p.index() + " appears twice");
      }
      out.add(p);
    }
    return out;
  }

  private static int countLines(byte[] bytes, int end) {
    int n = 0;
    int start = 0;
    for (int i = 0; i < end; i++) {
      if (bytes[i] == '\n') {
        if (i > start) {
          n++;
        }
        start = i + 1;
      }
    }
    return n;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
