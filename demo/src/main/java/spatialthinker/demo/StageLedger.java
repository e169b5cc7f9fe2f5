package spatialthinker.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The markers in {@code OUT/stages/}: {@code NAME.started} holds the hash of the inputs a stage
 * began with, {@code NAME.done} the same hash, the seconds the stage took and when it finished.
 * Both are written to a temporary file and moved into place, so a kill never leaves half a marker.
 * A stage is finished when its done marker carries the hash of its current inputs; a stage that
 * began with the same hash may continue its partial output; any other partial output is stale.
 */
final class StageLedger {

  /** A finished stage. */
  record Done(String hash, double seconds, Instant finishedAt) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  StageLedger(Path out) {
    this.dir = out.resolve("stages");
  }

  /** The hash of a stage's inputs: its settings and the hashes of the stages it reads. */
  static String hash(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(p.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The done marker of a stage, if it carries this hash. */
  Optional<Done> done(Stage stage, String hash) {
    return read(file(stage, "done"))
        .filter(n -> n.path("hash").asText().equals(hash))
        .map(
            n ->
                new Done(
                    hash,
                    n.path("seconds").asDouble(),
                    Instant.parse(n.path("finished_at").asText(Instant.EPOCH.toString()))));
  }

  /** Whether the stage began with this hash (so its partial output may be continued). */
  boolean startedWith(Stage stage, String hash) {
    return read(file(stage, "started"))
        .map(n -> n.path("hash").asText().equals(hash))
        .orElse(false);
  }

  void markStarted(Stage stage, String hash) {
    Path done = file(stage, "done");
    try {
      Files.deleteIfExists(done);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + done, e);
    }
    ObjectNode n = JSON.createObjectNode().put("stage", stage.id()).put("hash", hash);
    n.put("started_at", Instant.now().toString());
    write(file(stage, "started"), n);
  }

  void markDone(Stage stage, String hash, double seconds) {
    ObjectNode n = JSON.createObjectNode().put("stage", stage.id()).put("hash", hash);
    n.put("seconds", Math.round(seconds * 10) / 10.0);
    n.put("finished_at", Instant.now().toString());
    write(file(stage, "done"), n);
  }

  private Path file(Stage stage, String kind) {
    return dir.resolve(stage.id() + "." + kind);
  }

  private static Optional<JsonNode> read(Path f) {
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(f.toFile()));
    } catch (IOException e) {
      return Optional.empty(); // an unreadable marker means the stage is not known to be done
    }
  }

  private static void write(Path f, JsonNode n) {
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    try {
      Files.createDirectories(f.getParent());
      Files.writeString(tmp, n.toString() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the stage marker " + f, e);
    }
  }
}
