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
import spatialthinker.scenes.SceneRenderJob;

class DataCommandTest {

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
  void synthesisesThenReportsStats() {
    Path scenes = dir.resolve("scenes");
    new SceneRenderJob(scenes, new SceneRenderJob.Options(30, 1, 96, 1)).run(i -> {});
    Path qa = dir.resolve("qa.parquet");
    int code =
        Main.run(
            "data",
            "synth",
            "--scenes",
            scenes.toString(),
            "--out",
            qa.toString(),
            "--target",
            "60",
            "--seed",
            "3",
            "--threads",
            "1");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(Files.exists(qa)).isTrue();
    assertThat(Files.exists(dir.resolve("qa.jsonl"))).isTrue();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("wrote 60 rows");
    assertThat(Main.run("data", "stats", qa.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("rows: 60")
        .contains("in both splits: 0")
        .contains("relation 30 (50.0%)");
  }

  @Test
  void writesSplitFilesThatStatsAndTrainingRead() throws Exception {
    Path scenes = dir.resolve("scenes");
    new SceneRenderJob(scenes, new SceneRenderJob.Options(30, 1, 96, 1)).run(i -> {});
    Files.write(scenes.resolve("images/000004.png"), new byte[0]);
    Path qa = dir.resolve("qa");
    int code =
        Main.run(
            "data",
            "synth",
            "--scenes",
            scenes.toString(),
            "--out",
            qa.toString(),
            "--images",
            "list",
            "--target",
            "60",
            "--seed",
            "3",
            "--threads",
            "1");
    String log = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(log).isZero();
    assertThat(qa.resolve("train-00000-of-00001.parquet")).isRegularFile();
    assertThat(qa.resolve("val-00000-of-00001.parquet")).isRegularFile();
    assertThat(dir.resolve("qa.jsonl")).isRegularFile();
    assertThat(log)
        .contains("1 scenes skipped")
        .contains("skipped 1 scenes, e.g. ")
        .contains("line 5: image images/000004.png is empty");
    assertThat(Main.run("data", "stats", qa.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("rows: 60");
    assertThat(spatialthinker.train.data.QaParquet.read(qa)).hasSize(60);
  }

  @Test
  void badImagesOptionAndEmptyScenesFileAreOneLineErrors() throws Exception {
    Path scenes = dir.resolve("scenes");
    Files.createDirectories(scenes.resolve("images"));
    Files.writeString(scenes.resolve("scenes.jsonl"), "");
    assertThat(
            Main.run(
                "data",
                "synth",
                "--scenes",
                scenes.toString(),
                "--out",
                dir.resolve("qa").toString()))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .startsWith("error: ")
        .contains("scenes.jsonl is empty")
        .doesNotContain("\n");
    err.reset();
    assertThat(
            Main.run(
                "data", "synth", "--scenes", scenes.toString(), "--out", "x", "--images", "many"))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--images must be single or list");
  }

  @Test
  void missingScenesDirectoryIsAOneLineError() {
    int code =
        Main.run("data", "synth", "--scenes", dir.resolve("nope").toString(), "--out", "x.parquet");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .startsWith("error: ")
        .contains("is not a rendered scene directory")
        .doesNotContain("\n");
  }

  @Test
  void llmGeneratorWithoutEndpointIsAnError() {
    Path scenes = dir.resolve("s");
    new SceneRenderJob(scenes, new SceneRenderJob.Options(2, 1, 64, 1)).run(i -> {});
    int code =
        Main.run(
            "data",
            "synth",
            "--scenes",
            scenes.toString(),
            "--out",
            dir.resolve("q.parquet").toString(),
            "--generator",
            "llm");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --endpoint is required");
  }

  @Test
  void statsOfAFileThatIsNotParquetIsAnError() throws Exception {
    Path bad = dir.resolve("bad.parquet");
    Files.writeString(bad, "not parquet");
    assertThat(Main.run("data", "stats", bad.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: " + bad);
  }
}
