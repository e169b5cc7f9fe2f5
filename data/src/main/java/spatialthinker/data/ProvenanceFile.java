package spatialthinker.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spatialthinker.core.provenance.Provenance;
import spatialthinker.data.io.QaOutput;

/**
 * Writes {@code FILE.provenance.json} ({@code DIR.provenance.json} beside a split directory): the
 * project's {@link Provenance} (settings, seed, SHA-256 of the data, git commit, JDK, OS), then the
 * scene source, the counts, the shortfalls and the SHA-256 of each parquet file.
 */
final class ProvenanceFile {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ProvenanceFile() {}

  static Path fileOf(Path parquet) {
    String name = parquet.getFileName().toString();
    String stem = name.endsWith(".parquet") ? name.substring(0, name.length() - 8) : name;
    return parquet.resolveSibling(stem + ".provenance.json");
  }

  static void write(
      Path parquet,
      List<Path> files,
      QaOutput output,
      String source,
      String questions,
      SynthOptions o,
      SynthSummary s) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("source", source);
    config.put("questions", questions);
    config.put("target", o.target());
    config.put("relation_percent", o.relationPercent());
    config.put("val_split", o.valSplit());
    config.put("teacher", o.teacher().id());
    config.put("images", output.images().name().toLowerCase(Locale.ROOT));
    config.put("out", parquet.getFileName().toString());
    Provenance p = Provenance.here(config, o.seed(), Provenance.sha256(parquet));
    ObjectNode n = MAPPER.createObjectNode();
    n.set("provenance", MAPPER.valueToTree(p));
    n.put("scenes", s.scenes());
    n.put("scenes_skipped", s.skipped().size());
    n.put("candidates", s.candidates());
    n.put("rows", s.trainRows() + s.valRows());
    n.put("train_rows", s.trainRows());
    n.put("val_rows", s.valRows());
    n.putPOJO("shortfalls", s.plan().shortfalls());
    ObjectNode hashes = n.putObject("parquet_sha256");
    for (Path f : files) {
      hashes.put(f.getFileName().toString(), Provenance.sha256(f));
    }
    try {
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(fileOf(parquet).toFile(), n);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + fileOf(parquet) + ": " + e.getMessage(), e);
    }
  }
}
