package spatialthinker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  @Test
  void helpNamesThePresetsAndResuming() {
    assertThat(Main.run("demo", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--preset=tiny|small")
        .contains("--compare")
        .contains("--out=DIR")
        .contains("resume");
  }

  @Test
  void unknownPresetFailsWithOneLineBeforeAnyWork() {
    Path o = dir.resolve("o");
    assertThat(Main.run("demo", "--preset", "huge", "--out", o.toString())).isEqualTo(Cli.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("error: --preset 'huge' is not one of: tiny, small");
    assertThat(o).doesNotExist();
  }
}
