package spatialthinker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.eval.testing.SyntheticData;

/** {@code serve --hf-model} on the tiny Qwen2.5-VL fixture answers {@code eval run} over HTTP. */
class HfModelServeIT {

  private static final Path FIXTURE = Path.of("../models/src/test/resources/qwen25vl-tiny/hf");

  @TempDir Path dir;

  @Test
  void evalRunAgainstTheServedCheckpoint() throws Exception {
    Path data = dir.resolve("test_2d.parquet");
    SyntheticData.writeCvBench(data, 6, 3);
    try (HfModelServe.Running s =
        HfModelServe.start(FIXTURE, "fp32", 0, 0, "127.0.0.1", 0, "spatialthinker-policy", 12)) {
      assertThat(s.name()).isEqualTo("hf");
      int code =
          Main.run(
              "eval",
              "run",
              "--benchmark",
              "cv-bench-2d",
              "--data",
              data.toString(),
              "--endpoint",
              s.server().uri() + "/v1",
              "--model",
              s.name(),
              "--out",
              dir.resolve("run").toString(),
              "--concurrency",
              "2");
      assertThat(code).isZero();
    }
    List<String> lines = Files.readAllLines(dir.resolve("run/predictions.jsonl"));
    assertThat(lines).hasSize(6);
    ObjectMapper json = new ObjectMapper();
    for (String l : lines) {
      JsonNode p = json.readTree(l);
      assertThat(p.toString()).doesNotContain("\"error\":\"");
    }
  }

  @Test
  void serveNeedsExactlyOneModelAndAnExistingDirectory() {
    assertThat(Main.run("serve", "--port", "0")).isEqualTo(Cli.FAILED);
    assertThat(
            Main.run(
                "serve",
                "--hf-model",
                FIXTURE.toString(),
                "--checkpoint",
                dir.toString(),
                "--port",
                "0"))
        .isEqualTo(Cli.FAILED);
    assertThat(Main.run("serve", "--hf-model", dir.resolve("none").toString(), "--port", "0"))
        .isEqualTo(Cli.FAILED);
  }

  @Test
  void onlyFp32IsOffered() {
    assertThatThrownBy(() -> HfModelServe.start(FIXTURE, "bf16", 0, 0, "127.0.0.1", 0, "m", 4))
        .hasMessageContaining("only fp32");
  }
}
