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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardScoreCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE = Path.of("..", "examples", "reward", "records.jsonl");

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
  void scoresTheShippedExampleInOrder() throws IOException {
    Path out = dir.resolve("scores.jsonl");
    int code =
        Main.run(
            "reward",
            "score",
            "--input",
            EXAMPLE.toString(),
            "--output",
            out.toString(),
            "--labels",
            "exact");
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(6);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("overall", "format", "count", "accuracy", "spatial");
    assertThat(first.get("accuracy").asDouble()).isEqualTo(1.0);
    assertThat(first.get("overall").asDouble()).isGreaterThan(0.95);
    // Wrong answer: spatial gated to 0; missing <observe>: everything 0.
    assertThat(JSON.readTree(lines.get(2)).get("spatial").asDouble()).isZero();
    assertThat(JSON.readTree(lines.get(4)).get("overall").asDouble()).isZero();
    assertThat(stderr()).contains("scored 6 records with dense");
  }

  @Test
  void sparseRewardScoresThinkAnswerResponses() throws IOException {
    Path out = dir.resolve("sparse.jsonl");
    int code =
        Main.run(
            "reward",
            "score",
            "--input",
            EXAMPLE.toString(),
            "--output",
            out.toString(),
            "--reward",
            "sparse");
    assertThat(code).isZero();
    assertThat(JSON.readTree(Files.readAllLines(out).get(5)).get("overall").asDouble())
        .isEqualTo(1.0);
  }

  @Test
  void badLineFailsNamingItAndWritesNothing() throws IOException {
    Path in = dir.resolve("in.jsonl");
    String good = Files.readAllLines(EXAMPLE).get(0);
    Files.write(in, List.of(good, "", good, "{not json"));
    Path out = dir.resolve("out.jsonl");
    int code = Main.run("reward", "score", "--input", in.toString(), "--output", out.toString());
    assertThat(code).isEqualTo(1);
    assertThat(stderr()).contains(in + ":4: not valid JSON").doesNotContain("\tat ");
    assertThat(stderr().strip().lines()).hasSize(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void missingFieldIsNamed() throws IOException {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"response\": \"x\", \"problem\": \"Image size: (1 x 1)\"}\n");
    int code =
        Main.run(
            "reward", "score", "--input", in.toString(), "--output", dir.resolve("o").toString());
    assertThat(code).isEqualTo(1);
    assertThat(stderr()).contains(in + ":1: missing field 'ground_truth'");
  }

  @Test
  void unreadableProblemIsNamedWithItsLineAndExistingOutputSurvives() throws IOException {
    Path in = dir.resolve("in.jsonl");
    String good = Files.readAllLines(EXAMPLE).get(0);
    Files.write(in, List.of(good, good.replace("Image size: (640 x 480)", "no size")));
    Path out = dir.resolve("out.jsonl");
    Files.writeString(out, "previous results\n");
    int code = Main.run("reward", "score", "--input", in.toString(), "--output", out.toString());
    assertThat(code).isEqualTo(1);
    assertThat(stderr()).contains(in + ":2: problem has no 'Image size: (W x H)'");
    assertThat(Files.readString(out)).isEqualTo("previous results\n");
  }

  @Test
  void unknownRewardIsAUsageErrorWithOneLine() {
    int code =
        Main.run(
            "reward",
            "score",
            "--input",
            EXAMPLE.toString(),
            "--output",
            dir.resolve("o").toString(),
            "--reward",
            "bogus");
    assertThat(code).isEqualTo(1);
    assertThat(stderr()).contains("unknown reward 'bogus'");
  }

  @Test
  void invalidUtf8IsNamedWithItsLineAndByte() throws IOException {
    Path in = dir.resolve("in.jsonl");
    byte[] good = (Files.readAllLines(EXAMPLE).get(0) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"response\": \"ab\u00e9\"}\n".getBytes(StandardCharsets.UTF_8);
    bad[16] = (byte) 0xC3; // the first byte of a two-byte sequence ...
    bad[17] = (byte) 0x28; // ... followed by a byte that cannot continue it
    java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
    file.write(good);
    file.write(good);
    file.write(bad);
    Files.write(in, file.toByteArray());
    Path out = dir.resolve("out.jsonl");

    int code = Main.run("reward", "score", "--input", in.toString(), "--output", out.toString());

    assertThat(code).isEqualTo(1);
    assertThat(stderr()).contains(in + ":3: not valid UTF-8 (byte 17 of the line)");
    assertThat(stderr()).doesNotContain("Input length");
    assertThat(out).doesNotExist();
  }

  @Test
  void theInputIsNeverTheOutput() throws IOException {
    Path in = dir.resolve("in.jsonl");
    Files.copy(EXAMPLE, in);
    byte[] before = Files.readAllBytes(in);

    int code =
        Main.run(
            "reward",
            "score",
            "--input",
            in.toString(),
            "--output",
            dir.resolve(".").resolve("in.jsonl").toString(),
            "--labels",
            "exact");

    assertThat(code).isEqualTo(1);
    assertThat(stderr()).contains("is the input file");
    assertThat(Files.readAllBytes(in)).isEqualTo(before);
  }

  @Test
  void theOutputIsReadableByOthersLikeAnyFileWritten() throws IOException {
    Path out = dir.resolve("scores.jsonl");
    int code =
        Main.run(
            "reward",
            "score",
            "--input",
            EXAMPLE.toString(),
            "--output",
            out.toString(),
            "--labels",
            "exact");

    assertThat(code).isZero();
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-r--r--");
  }
}
