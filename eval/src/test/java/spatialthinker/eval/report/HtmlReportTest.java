package spatialthinker.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.eval.run.PredictionLog;
import spatialthinker.eval.score.Prediction;

class HtmlReportTest {

  @TempDir Path dir;

  private static final String GT =
      "<scene>{\"objects\": [{\"id\": \"cube.1\", \"bbox\": [10, 10, 40, 40]}], \"relationships\":"
          + " []}</scene>\n<answer>(A) left of</answer>";

  private static Prediction prediction(long i, String task, String response) {
    return Prediction.builder("stvqa-ours", i)
        .id("img" + i)
        .task(task)
        .source(Optional.empty())
        .promptHash("h")
        .response(Optional.of(response))
        .answer("A")
        .choices(List.of("left of", "right of"))
        .outcome(Optional.empty(), false, "r")
        .latencyMs(5)
        .attempts(1)
        .finishReason(Optional.of("stop"))
        .usage(Optional.empty())
        .error(Optional.empty())
        .imageSize(Optional.of(new Prediction.ImageSize(64, 48)))
        .groundTruthScene(Optional.of(GT))
        .grounding(Optional.empty())
        .build();
  }

  private Path run(String name, List<Prediction> preds) {
    Path run = dir.resolve(name);
    try {
      Files.createDirectories(run);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try (PredictionLog log = PredictionLog.open(run.resolve("predictions.jsonl"), false)) {
      preds.forEach(log::append);
    }
    return run;
  }

  private Path training(String name) throws IOException {
    Path t = dir.resolve(name);
    Files.createDirectories(t);
    StringBuilder b = new StringBuilder();
    for (int s = 1; s <= 20; s++) {
      b.append(
          String.format(
              java.util.Locale.ROOT,
              "{\"phase\":\"grpo\",\"kind\":\"train\",\"step\":%d,\"reward\":%.3f,"
                  + "\"reward_format\":0.5,\"accuracy\":0.25,\"kl\":%.4f}%n",
              s,
              0.1 + s * 0.01,
              s * 0.001));
    }
    b.append("{\"phase\":\"grpo\",\"kind\":\"val\",\"step\":20,\"val_reward\":0.3}\n");
    b.append("{\"phase\":\"grpo\",\"kind\":\"tr"); // a line cut off by a kill
    Files.writeString(t.resolve("metrics.jsonl"), b);
    return t;
  }

  @Test
  void escapesResponsesAndDrawsBothKindsOfBox() throws IOException {
    String evil =
        "<observe>x</observe><scene>{\"objects\": [{\"id\": \"cube.1\", \"bbox\": [12, 11, 39,"
            + " 42]}], \"relationships\": []}</scene><think></pre><script>alert(1)</script></think>"
            + "<answer>(A) left of</answer>";
    Path r1 =
        run("r1", List.of(prediction(0, "relation", evil), prediction(1, "depth", "(B) right")));
    Path t = training("grpo-dense");
    String html =
        new HtmlReport(ReportInput.ofDirectories("T & <b>", List.of(r1, t), 300)).render();

    assertThat(html).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)");
    assertThat(html).contains("<title>T &amp; &lt;b&gt;</title>");
    assertThat(html)
        .contains("<table class=\"results\">")
        .contains("id=\"training\"")
        .contains("reward: format")
        .contains("KL to the reference");
    assertThat(html).contains("<rect class=\"truth\"").contains("<rect class=\"pred\"");
    assertThat(html).contains("No images: run.json names no known benchmark data.");
    assertThat(html).contains("data-outcome=\"right\"").contains("data-outcome=\"wrong\"");
  }

  @Test
  void rejectsADirectoryThatHoldsNoRun() {
    assertThatThrownBy(() -> ReportInput.ofDirectories("t", List.of(dir), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir + ": neither an evaluation run");
  }

  @Test
  void drawsTheBoxesOfASceneTheParserRejects() {
    List<Figure.Mark> marks =
        LooseBoxes.of(
            "<scene>{\"objects\":[{\"id\":\"a.1\",\"bbox\":[1,2,3,4]},{\"id\":\"a.1\",\"bbox\":[5,6,7,8]},"
                + "{\"id\":\"b.1\",\"bbox\":[1,2,3]}],\"relationships\":[]}</scene>");
    assertThat(marks).extracting(Figure.Mark::label).containsExactly("a.1", "a.1");
    assertThat(LooseBoxes.of("no scene")).isEmpty();
    assertThat(LooseBoxes.of("<scene>{not json</scene>")).isEmpty();
  }

  @Test
  void samplesEveryTaskAndOutcomeWhenThereAreTooManyToShow() {
    List<Prediction> preds =
        java.util.stream.LongStream.range(0, 40)
            .mapToObj(i -> prediction(i, i < 30 ? "relation" : "depth", "x"))
            .toList();
    List<Prediction> shown = RunItems.select(preds, 6);
    assertThat(shown).hasSize(6);
    assertThat(shown).extracting(Prediction::task).contains("relation", "depth");
    assertThat(shown).isSortedAccordingTo(java.util.Comparator.comparingLong(Prediction::index));
  }
}
