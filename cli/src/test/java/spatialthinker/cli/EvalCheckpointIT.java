package spatialthinker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval run --checkpoint}: a trained policy evaluated in this process, without a server. */
class EvalCheckpointIT {

  @TempDir Path dir;

  @Test
  void aTrainedPolicyAnswersEveryValItemInProcess() throws Exception {
    Path data = dir.resolve("toy.parquet");
    assertThat(Main.run("train", "toy-data", "--out", data.toString(), "--count", "50")).isZero();
    Path sft = dir.resolve("sft");
    assertThat(
            Main.run(
                "train",
                "sft",
                "--data",
                data.toString(),
                "--out",
                sft.toString(),
                "--preset",
                "tiny",
                "--steps",
                "60"))
        .isZero();
    int code =
        Main.run(
            "eval",
            "run",
            "--benchmark",
            "stvqa-ours",
            "--data",
            data.toString(),
            "--template",
            "spatial_thinker_train",
            "--checkpoint",
            sft.resolve("best").toString(),
            "--max-tokens",
            "80",
            "--out",
            dir.resolve("run").toString());
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("run/predictions.jsonl"));
    assertThat(lines).hasSize(10);
    ObjectMapper json = new ObjectMapper();
    for (String l : lines) {
      JsonNode p = json.readTree(l);
      assertThat(p.toString()).doesNotContain("\"error\":\"");
    }
    assertThat(Files.readString(dir.resolve("run/run.json"))).contains("spatialthinker-policy");
  }

  @Test
  void checkpointAndEndpointTogetherAreOneLineError() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          Main.run(
              "eval",
              "run",
              "--benchmark",
              "stvqa-ours",
              "--data",
              dir.resolve("none.parquet").toString(),
              "--checkpoint",
              dir.resolve("ckpt").toString(),
              "--endpoint",
              "http://127.0.0.1:1/v1",
              "--out",
              dir.resolve("run").toString());
    } finally {
      System.setErr(old);
    }
    assertThat(code).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("error: --checkpoint and --endpoint exclude each other");
  }
}
