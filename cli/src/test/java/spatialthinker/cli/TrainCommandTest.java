package spatialthinker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldErr;

  @BeforeEach
  void captureErr() {
    oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(oldErr);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void toyDataWritesAParquetFile() {
    Path out = dir.resolve("toy.parquet");
    int code = Main.run("train", "toy-data", "--out", out.toString(), "--count", "20");
    assertThat(code).isZero();
    assertThat(out).exists();
    assertThat(stderr()).contains("wrote 20 toy rows");
  }

  @Test
  void grpoWithoutInitFailsWithOneLine() {
    Path data = dir.resolve("toy.parquet");
    Main.run("train", "toy-data", "--out", data.toString(), "--count", "20");
    err.reset();
    int code =
        Main.run("train", "grpo", "--data", data.toString(), "--out", dir.resolve("g").toString());
    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(stderr().strip())
        .startsWith("error: --init CHECKPOINT is required")
        .doesNotContain("\n");
  }

  @Test
  void missingDataFileIsNamed() {
    int code =
        Main.run(
            "train",
            "sft",
            "--data",
            dir.resolve("nope.parquet").toString(),
            "--out",
            dir.resolve("s").toString(),
            "--preset",
            "tiny");
    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(stderr()).contains("nope.parquet: no such file");
  }

  @Test
  void unknownPresetIsNamed() {
    int code =
        Main.run(
            "train", "sft", "--data", "x.parquet", "--out", dir.toString(), "--preset", "huge");
    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(stderr()).contains("--preset 'huge' is not one of: tiny, small, vision, base");
  }

  @Test
  void serveWithoutCheckpointFailsWithOneLine() {
    int code = Main.run("serve", "--checkpoint", dir.resolve("none").toString(), "--port", "0");
    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(stderr()).contains("no checkpoint");
  }

  @Test
  void experimentRejectsAnUnknownArmBeforeTraining() throws Exception {
    Path data = dir.resolve("toy.parquet");
    Main.run("train", "toy-data", "--out", data.toString(), "--count", "20");
    err.reset();
    int code =
        Main.run(
            "train",
            "experiment",
            "--arms",
            "sft,densest",
            "--data",
            data.toString(),
            "--out",
            dir.resolve("e").toString(),
            "--labels",
            "exact");
    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(stderr()).contains("unknown reward 'densest'");
    assertThat(Files.exists(dir.resolve("e").resolve("seed-1"))).isFalse();
  }
}
