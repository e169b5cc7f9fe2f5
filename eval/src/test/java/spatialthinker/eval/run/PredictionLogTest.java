package spatialthinker.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.eval.score.Prediction;
import spatialthinker.eval.score.PredictionJson;

class PredictionLogTest {

  @TempDir Path dir;

  static Prediction pred(long index, boolean correct) {
    return Prediction.builder("cv-bench", index)
        .id(String.valueOf(index))
        .task("Count")
        .source(Optional.of("COCO"))
        .promptHash("abcd")
        .response(Optional.of("(B)"))
        .answer("B")
        .choices(List.of("x", "y"))
        .outcome(Optional.of(correct ? "B" : "A"), correct, "short/letter")
        .latencyMs(200)
        .attempts(1)
        .finishReason(Optional.of("stop"))
        .usage(Optional.empty())
        .error(Optional.empty())
        .imageSize(Optional.of(new Prediction.ImageSize(64, 48)))
        .groundTruthScene(Optional.empty())
        .grounding(Optional.empty())
        .build();
  }

  @Test
  void appendsWholeLinesThatReadBack() {
    Path f = dir.resolve("predictions.jsonl");
    try (PredictionLog log = PredictionLog.open(f, true)) {
      log.append(pred(0, true));
      log.append(pred(1, false));
    }
    List<Prediction> back = PredictionLog.readAll(f);
    assertThat(back).containsExactly(pred(0, true), pred(1, false));
  }

  @Test
  void recoveryCutsATornLastLineSoAppendingContinuesCleanly() throws IOException {
    Path f = dir.resolve("predictions.jsonl");
    try (PredictionLog log = PredictionLog.open(f, false)) {
      log.append(pred(0, true));
      log.append(pred(1, true));
    }
    String whole = Files.readString(f);
    Files.writeString(
        f, "{\"benchmark\": \"cv-bench\", \"index\": 2, \"resp", StandardOpenOption.APPEND);
    PredictionLog.Contents c = PredictionLog.recover(f);
    assertThat(c.predictions()).hasSize(2);
    assertThat(c.tornBytes()).isPositive();
    assertThat(Files.readString(f)).isEqualTo(whole);
    try (PredictionLog log = PredictionLog.open(f, false)) {
      log.append(pred(2, false));
    }
    assertThat(PredictionLog.readAll(f)).extracting(Prediction::index).containsExactly(0L, 1L, 2L);
  }

  @Test
  void recoveryCutsATornLineThatEndsInANewline() throws IOException {
    Path f = dir.resolve("predictions.jsonl");
    try (PredictionLog log = PredictionLog.open(f, false)) {
      log.append(pred(0, true));
    }
    Files.writeString(
        f, "{\"index\": 1, \"ben\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(PredictionLog.recover(f).predictions()).hasSize(1);
    assertThat(Files.readAllLines(f)).hasSize(1);
  }

  @Test
  void rejectsACorruptMiddleLineAndDuplicates() throws IOException {
    Path f = dir.resolve("predictions.jsonl");
    Files.writeString(
        f,
        PredictionJson.write(pred(0, true))
            + "\nnot json\n"
            + PredictionJson.write(pred(1, true))
            + "\n");
    assertThatThrownBy(() -> PredictionLog.recover(f))
        .hasMessageContaining("predictions.jsonl:2: not a prediction");
    Files.writeString(
        f,
        PredictionJson.write(pred(0, true)) + "\n" + PredictionJson.write(pred(0, false)) + "\n");
    assertThatThrownBy(() -> PredictionLog.readAll(f)).hasMessageContaining("item 0 appears twice");
  }

  @Test
  void rewriteKeepsOnlyTheGivenPredictions() {
    Path f = dir.resolve("predictions.jsonl");
    PredictionLog.rewrite(f, List.of(pred(3, true)));
    assertThat(PredictionLog.readAll(f)).containsExactly(pred(3, true));
  }

  @Test
  void missingLogIsEmpty() {
    assertThat(PredictionLog.recover(dir.resolve("none.jsonl")).predictions()).isEmpty();
  }
}
