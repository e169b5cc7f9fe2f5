package spatialthinker.train.ckpt;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import spatialthinker.core.provenance.Provenance;
import spatialthinker.train.data.DataCursor;
import spatialthinker.train.model.ModelConfig;
import spatialthinker.train.model.Parameters;
import spatialthinker.train.model.Policy;
import spatialthinker.train.optim.AdamW;
import spatialthinker.train.text.Tokenizer;

/**
 * A checkpoint directory: {@code params.bin}, {@code model.json}, {@code tokenizer.json}, {@code
 * state.json}, {@code provenance.json} and, for resumable checkpoints, the AdamW moments ({@code
 * adam_m.bin}, {@code adam_v.bin}, {@code adam_step.txt}). Written to a temporary sibling and moved
 * into place, so a run killed mid-write leaves the previous checkpoint intact.
 *
 * <p>A run directory holds {@code last/} (the latest, for {@code --resume}), {@code best/} (the
 * best by validation) and {@code metrics.jsonl}.
 */
public final class Checkpoint {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Checkpoint() {}

  /** Writes a checkpoint to {@code dir}, replacing any there. */
  public static void save(
      Path dir, Policy policy, Optional<AdamW> optimizer, TrainState state, Provenance provenance) {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
    try {
      deleteTree(tmp);
      Files.createDirectories(tmp);
      policy.parameters().save(tmp.resolve("params.bin"));
      policy.tokenizer().save(tmp.resolve("tokenizer.json"));
      MAPPER.writeValue(tmp.resolve("model.json").toFile(), policy.config());
      MAPPER.writeValue(tmp.resolve("state.json").toFile(), stateJson(state));
      MAPPER.writeValue(tmp.resolve("provenance.json").toFile(), provenance);
      optimizer.ifPresent(o -> o.save(tmp));
      Path old = dir.resolveSibling(dir.getFileName() + ".old");
      deleteTree(old);
      if (Files.exists(dir)) {
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + dir, e);
    }
  }

  /**
   * The checkpoint directory meant by a path: the path itself when it holds {@code params.bin},
   * else its {@code best/}, else its {@code last/}.
   */
  public static Path resolve(Path path) {
    for (Path p : new Path[] {path, path.resolve("best"), path.resolve("last")}) {
      if (Files.isRegularFile(p.resolve("params.bin"))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        path + ": no checkpoint (params.bin) there or in its best/ or last/");
  }

  /** Loads the policy of a checkpoint (see {@link #resolve}) under {@code parent}. */
  public static Policy loadPolicy(Path path, NDManager parent) {
    Path dir = resolve(path);
    try {
      ModelConfig config = MAPPER.readValue(dir.resolve("model.json").toFile(), ModelConfig.class);
      Tokenizer tokenizer = Tokenizer.load(dir.resolve("tokenizer.json"));
      Parameters params = Parameters.load(dir.resolve("params.bin"), parent);
      return new Policy(config, tokenizer, params);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + dir, e);
    }
  }

  /** The training state saved in a checkpoint directory. */
  public static TrainState readState(Path dir) {
    try {
      JsonNode n = MAPPER.readTree(dir.resolve("state.json").toFile());
      return new TrainState(
          n.path("phase").asText(),
          n.path("step").asLong(),
          new DataCursor(n.path("cursor_epoch").asLong(), n.path("cursor_offset").asInt()),
          n.path("seed").asLong(),
          n.path("best").isNumber()
              ? n.path("best").asDouble()
              : n.path("phase").asText().equals("sft")
                  ? Double.POSITIVE_INFINITY
                  : Double.NEGATIVE_INFINITY,
          n.path("patience_left").asInt());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve("state.json"), e);
    }
  }

  private static Map<String, Object> stateJson(TrainState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phase", s.phase());
    m.put("step", s.step());
    m.put("cursor_epoch", s.cursor().epoch());
    m.put("cursor_offset", s.cursor().offset());
    m.put("seed", s.seed());
    m.put("rng", "per-step SplittableRandom seeded from (seed, step)");
    m.put("best", Double.isFinite(s.best()) ? s.best() : null);
    m.put("patience_left", s.patienceLeft());
    return m;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
