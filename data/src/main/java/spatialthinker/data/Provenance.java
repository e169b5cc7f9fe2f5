package spatialthinker.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes {@code FILE.provenance.json} beside a data set: the settings, the scene source, the
 * counts, the SHA-256 of the parquet file, and the JDK and OS that made it.
 */
final class Provenance {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Provenance() {}

  static Path fileOf(Path parquet) {
    String name = parquet.getFileName().toString();
    String stem = name.endsWith(".parquet") ? name.substring(0, name.length() - 8) : name;
    return parquet.resolveSibling(stem + ".provenance.json");
  }

  static void write(
      Path parquet,
      java.util.List<Path> files,
      spatialthinker.data.io.QaOutput output,
      String source,
      String questions,
      SynthOptions o,
      SynthSummary s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("source", source);
    n.put("questions", questions);
    n.put("target", o.target());
    n.put("relation_percent", o.relationPercent());
    n.put("val_split", o.valSplit());
    n.put("seed", o.seed());
    n.put("teacher", o.teacher().id());
    n.put("scenes", s.scenes());
    n.put("scenes_skipped", s.skipped().size());
    n.put("candidates", s.candidates());
    n.put("rows", s.trainRows() + s.valRows());
    n.put("train_rows", s.trainRows());
    n.put("val_rows", s.valRows());
    n.putPOJO("shortfalls", s.plan().shortfalls());
    n.put("images", output.images().name().toLowerCase(java.util.Locale.ROOT));
    ObjectNode hashes = n.putObject("parquet_sha256");
    for (Path f : files) {
      hashes.put(f.getFileName().toString(), sha256(f));
    }
    n.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
    n.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    try {
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(fileOf(parquet).toFile(), n);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + fileOf(parquet) + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int k = in.read(buf); k >= 0; k = in.read(buf)) {
        md.update(buf, 0, k);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
