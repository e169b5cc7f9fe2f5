package spatialthinker.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

  @TempDir Path elsewhere;

  @Test
  void gitShaIsTheProjectsOwnWhateverTheCurrentDirectory() throws Exception {
    String projectHead = git(Path.of("").toAbsolutePath(), "rev-parse", "HEAD");
    String before = System.getProperty("user.dir");
    System.setProperty("user.dir", elsewhere.toString());
    try {
      assertThat(Provenance.here().gitSha()).isEqualTo(projectHead);
    } finally {
      System.setProperty("user.dir", before);
    }
  }

  @Test
  void hashesAFileOrADirectoryOfFiles() throws Exception {
    Path d = elsewhere.resolve("d");
    java.nio.file.Files.createDirectories(d);
    java.nio.file.Files.writeString(d.resolve("train-00000-of-00001.parquet"), "a");
    java.nio.file.Files.writeString(d.resolve("val-00000-of-00001.parquet"), "b");
    // SHA-256 of "a" (as printed by sha256sum).
    assertThat(Provenance.sha256(d.resolve("train-00000-of-00001.parquet")))
        .isEqualTo("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    String before = Provenance.sha256(d);
    assertThat(before).hasSize(64);
    java.nio.file.Files.writeString(d.resolve("val-00000-of-00001.parquet"), "c");
    assertThat(Provenance.sha256(d)).isNotEqualTo(before);
  }

  @Test
  void recordsTheRuntime() {
    Provenance p = Provenance.here(java.util.Map.of("target", 5), 7, "none");
    assertThat(p.config()).containsEntry("target", 5);
    assertThat(p.jdk()).contains(Runtime.version().toString());
    assertThat(p.os()).contains(System.getProperty("os.arch"));
    assertThat(p.createdAt()).isNotNull();
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    var cmd = new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString()));
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
