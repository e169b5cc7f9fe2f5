package spatialthinker.eval.run;

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
      assertThat(Provenance.collect().gitSha()).isEqualTo(projectHead);
    } finally {
      System.setProperty("user.dir", before);
    }
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
