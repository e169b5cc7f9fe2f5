package spatialthinker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.clients.loopback.LoopbackChatServer;
import spatialthinker.clients.loopback.LoopbackChatServer.Reply;
import spatialthinker.eval.testing.SyntheticData;

class EvalCommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ITEM = Pattern.compile("\\[item (\\d+)]");

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;
  private Path data;
  private List<SyntheticData.Item> truth;

  @BeforeEach
  void setUp() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    data = dir.resolve("test_2d.parquet");
    truth = SyntheticData.writeCvBench(data, 12, 3);
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private LoopbackChatServer server() {
    return LoopbackChatServer.start(
        r -> {
          Matcher m = ITEM.matcher(r.text());
          m.find();
          int i = Integer.parseInt(m.group(1));
          return new Reply.Answer(
              i % 3 == 0 ? "I am not sure." : "<answer>(" + truth.get(i).answer() + ")</answer>");
        },
        Duration.ZERO,
        false);
  }

  private int run(LoopbackChatServer server, Path runDir, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "eval",
                "run",
                "--benchmark",
                "cv-bench-2d",
                "--data",
                data.toString(),
                "--endpoint",
                server.baseUrl().toString(),
                "--model",
                "fake",
                "--out",
                runDir.toString(),
                "--concurrency",
                "4"));
    args.addAll(List.of(extra));
    return Main.run(args.toArray(String[]::new));
  }

  @Test
  void runWritesTheRunDirectoryAndPrintsTheTable() throws IOException {
    try (LoopbackChatServer server = server()) {
      assertThat(run(server, dir.resolve("run"), "--template", "reasoning")).isZero();
    }
    assertThat(dir.resolve("run/predictions.jsonl")).exists();
    assertThat(Files.readAllLines(dir.resolve("run/predictions.jsonl"))).hasSize(12);
    JsonNode run = JSON.readTree(dir.resolve("run/run.json").toFile());
    assertThat(run.at("/generation/template").asText()).isEqualTo("reasoning");
    assertThat(run.at("/model/api_key_env").isNull()).isTrue();
    assertThat(stdout()).contains("| **all** | 12 | 8 |");
    assertThat(stderr())
        .contains(
            "cv-bench-2d: 12 items (12 new), accuracy 66.7 ± 13.6 %, 4 without an answer, 0 failed");
  }

  @Test
  void badInputEndsWithOneLineAndTheRightExitCode() {
    try (LoopbackChatServer server = server()) {
      assertThat(
              Main.run(
                  "eval",
                  "run",
                  "--benchmark",
                  "nope",
                  "--data",
                  data.toString(),
                  "--endpoint",
                  server.baseUrl().toString(),
                  "--model",
                  "m",
                  "--out",
                  dir.resolve("a").toString()))
          .isEqualTo(1);
      assertThat(stderr()).contains("error: unknown benchmark 'nope'");
      err.reset();
      assertThat(Main.run("eval", "run", "--benchmark", "cv-bench")).isEqualTo(2);
      assertThat(stderr()).contains("Missing required options");
      err.reset();
      assertThat(run(server, dir.resolve("b"), "--api-key-env", "ST_SURELY_UNSET_VARIABLE"))
          .isEqualTo(1);
      assertThat(stderr().strip())
          .isEqualTo("error: environment variable ST_SURELY_UNSET_VARIABLE is not set");
      err.reset();
      assertThat(
              Main.run(
                  "eval",
                  "run",
                  "--benchmark",
                  "blink-depth",
                  "--data",
                  data.toString(),
                  "--endpoint",
                  server.baseUrl().toString(),
                  "--model",
                  "m",
                  "--out",
                  dir.resolve("c").toString()))
          .isEqualTo(1);
      assertThat(stderr()).contains("missing column").contains("'image_1'").doesNotContain("\tat ");
      assertThat(stderr().strip().lines()).hasSize(1);
      err.reset();
      assertThat(run(server, dir.resolve("d"), "--template", "cot")).isEqualTo(1);
      assertThat(stderr()).contains("unknown template 'cot'");
    }
  }

  @Test
  void runChecksTheEndpointAndTheExtraBodyBeforeAnyRequest() {
    try (LoopbackChatServer server = server()) {
      assertThat(
              Main.run(
                  "eval",
                  "run",
                  "--benchmark",
                  "cv-bench-2d",
                  "--data",
                  data.toString(),
                  "--endpoint",
                  "ftp://x",
                  "--model",
                  "m",
                  "--out",
                  dir.resolve("a").toString()))
          .isEqualTo(1);
      assertThat(stderr().strip())
          .isEqualTo("error: --endpoint 'ftp://x' needs http:// or https:// and a host");
      err.reset();
      assertThat(
              run(server, dir.resolve("b"), "--extra-body", "{\"messages\": [], \"model\": \"o\"}"))
          .isEqualTo(1);
      assertThat(stderr().strip().lines()).hasSize(1);
      assertThat(stderr()).startsWith("error: --extra-body cannot set 'messages'");
      assertThat(server.requestCount()).isZero();
      assertThat(dir.resolve("a")).doesNotExist();
      assertThat(dir.resolve("b")).doesNotExist();
    }
  }

  @Test
  void runRecordsTheExtraBodyWithoutSecrets() throws IOException {
    try (LoopbackChatServer server = server()) {
      assertThat(
              run(
                  server,
                  dir.resolve("r"),
                  "--extra-body",
                  "{\"top_p\": 0.5, \"api_key\": \"sk-9\"}"))
          .isZero();
    }
    String manifest = Files.readString(dir.resolve("r/run.json"));
    assertThat(JSON.readTree(manifest).at("/generation/extra_body/top_p").asDouble())
        .isEqualTo(0.5);
    assertThat(manifest).doesNotContain("sk-9");
  }

  @Test
  void aRunInWhichEveryRequestFailedExitsNonZeroAndSaysWhy() throws IOException {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: every connection is refused
    }
    int code =
        Main.run(
            "eval",
            "run",
            "--benchmark",
            "cv-bench-2d",
            "--data",
            data.toString(),
            "--endpoint",
            "http://127.0.0.1:" + port + "/v1",
            "--model",
            "m",
            "--max-attempts",
            "1",
            "--out",
            dir.resolve("refused").toString());
    assertThat(code).isEqualTo(1);
    assertThat(stderr()).contains("error: no item could be answered: all 12 requests failed");
    String preds = Files.readString(dir.resolve("refused/predictions.jsonl"));
    assertThat(preds).contains("cannot connect to").doesNotContain(": null");
  }

  @Test
  void aFileThatIsNotParquetIsReportedWithItsCause() throws IOException {
    Path fake = dir.resolve("fake/test_2d.parquet");
    Files.createDirectories(fake.getParent());
    Files.writeString(fake, "id,question\n1,what\n");
    try (LoopbackChatServer server = server()) {
      assertThat(
              Main.run(
                  "eval",
                  "run",
                  "--benchmark",
                  "cv-bench-2d",
                  "--data",
                  fake.toString(),
                  "--endpoint",
                  server.baseUrl().toString(),
                  "--model",
                  "m",
                  "--out",
                  dir.resolve("np").toString()))
          .isEqualTo(1);
    }
    assertThat(stderr().strip().lines()).hasSize(1);
    assertThat(stderr())
        .contains("not readable as parquet")
        .contains("No magic bytes found")
        .doesNotContain("pending query result");
  }

  @Test
  void scoreRescoresOurPredictionsAndOtherHarnessesOutputs() throws IOException {
    try (LoopbackChatServer server = server()) {
      run(server, dir.resolve("run"));
    }
    Path rescored = dir.resolve("rescored.jsonl");
    assertThat(
            Main.run(
                "eval",
                "score",
                "--input",
                dir.resolve("run/predictions.jsonl").toString(),
                "--output",
                rescored.toString()))
        .isZero();
    assertThat(Files.readAllLines(rescored)).hasSize(12);
    assertThat(stderr()).contains("scored 12 lines: 8 answered, 8 correct");

    Path foreign = dir.resolve("foreign.jsonl");
    Files.write(
        foreign,
        List.of(
            "{\"response\": \"The answer is (B).\", \"choices\": [\"cat\", \"dog\"], \"answer\": \"(B)\", \"task\": \"x\"}",
            "{\"response\": \"dog\", \"choices\": \"['cat', 'dog']\", \"answer\": 1}",
            "{\"response\": \"A or B\", \"choices\": [\"cat\", \"dog\"], \"answer\": \"dog\"}",
            "{\"response\": \"<answer>A</answer>\", \"choices\": [\"cat\", \"dog\"], \"answer\": \"B\", \"extra\": 7}"));
    Path foreignOut = dir.resolve("foreign-out.jsonl");
    err.reset();
    assertThat(
            Main.run(
                "eval", "score", "--input", foreign.toString(), "--output", foreignOut.toString()))
        .isZero();
    List<String> lines = Files.readAllLines(foreignOut);
    assertThat(JSON.readTree(lines.get(0)).get("pred").asText()).isEqualTo("B");
    assertThat(JSON.readTree(lines.get(0)).get("correct").asBoolean()).isTrue();
    assertThat(JSON.readTree(lines.get(1)).get("correct").asBoolean()).isTrue();
    assertThat(JSON.readTree(lines.get(2)).get("pred").isNull()).isTrue();
    assertThat(JSON.readTree(lines.get(3)).get("correct").asBoolean()).isFalse();
    assertThat(JSON.readTree(lines.get(3)).get("extra").asInt()).isEqualTo(7);
    assertThat(stderr()).contains("scored 4 lines: 3 answered, 2 correct (50.0 %)");

    Files.write(foreign, List.of("{\"response\": \"B\", \"answer\": \"B\"}"));
    err.reset();
    assertThat(Main.run("eval", "score", "--input", foreign.toString())).isEqualTo(1);
    assertThat(stderr().strip()).isEqualTo("error: " + foreign + ":1: missing field 'choices'");
  }

  @Test
  void reportPutsRunsSideBySide() throws IOException {
    try (LoopbackChatServer server = server()) {
      run(server, dir.resolve("r1"), "--template", "no_reasoning");
      run(server, dir.resolve("r2"), "--template", "reasoning");
    }
    out.reset();
    Path html = dir.resolve("report.html");
    assertThat(
            Main.run(
                "eval",
                "report",
                dir.resolve("r1").toString(),
                dir.resolve("r2").toString(),
                "--html",
                html.toString()))
        .isZero();
    assertThat(stdout())
        .contains("| benchmark / task | fake · no_reasoning | fake · reasoning |")
        .contains("| **cv-bench-2d** | 66.7 ± 13.6 (n=12) | 66.7 ± 13.6 (n=12) |");
    String page = Files.readString(html);
    assertThat(page)
        .contains("<table class=\"results\">")
        .contains("fake · reasoning")
        .contains("id=\"predictions\"")
        .contains("data-img=\"i0\"")
        .contains("\"i0\":\"data:image/png;base64,");
    assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");
    err.reset();
    assertThat(Main.run("eval", "report", dir.toString())).isEqualTo(1);
    assertThat(stderr()).contains("neither an evaluation run (predictions.jsonl)");
  }

  @Test
  void listNamesEveryBenchmark() {
    assertThat(Main.run("eval", "list")).isZero();
    assertThat(stdout())
        .contains(
            "| cv-bench |  | CV-Bench (2D and 3D) | nyu-visionx/CV-Bench | default | test | 2638 |")
        .contains("| realworldqa | realworld_qa | RealWorldQA |")
        .contains("| mmmu-pro-vision-only | mmmu_pro_vision_only |");
    assertThat(stderr()).contains("24 benchmarks");
  }
}
