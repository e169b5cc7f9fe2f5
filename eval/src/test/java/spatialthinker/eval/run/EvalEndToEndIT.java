package spatialthinker.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.clients.OpenAiChatModel;
import spatialthinker.clients.RetrySettings;
import spatialthinker.clients.loopback.LoopbackChatServer;
import spatialthinker.clients.loopback.LoopbackChatServer.Reply;
import spatialthinker.eval.benchmark.BenchmarkRegistry;
import spatialthinker.eval.benchmark.PromptTemplate;
import spatialthinker.eval.score.Prediction;
import spatialthinker.eval.score.PredictionJson;
import spatialthinker.eval.score.Summary;
import spatialthinker.eval.testing.SyntheticData;

/**
 * The whole path over real HTTP: parquet fixtures in the CV-Bench and BLINK layouts, the OpenAI
 * client, a stand-in server on loopback, extraction and per-task scores.
 */
class EvalEndToEndIT {

  @TempDir Path dir;

  private static OpenAiChatModel client(LoopbackChatServer server) {
    return new OpenAiChatModel(
        new OpenAiChatModel.Config(
            server.baseUrl(), "fake-vlm", Optional.empty(), Duration.ofSeconds(10)));
  }

  /** Four reply styles: right in tags, wrong bare letter, no answer, right in prose. */
  private static String reply(SyntheticData.Item item) {
    String right = item.answer();
    String text = item.choices().get(right.charAt(0) - 'A');
    return switch ((int) (item.index() % 4)) {
      case 0 -> "<think>Looking.</think>\n<answer>(" + right + ") " + text + "</answer>";
      case 1 -> FakeModel.other(right, item.choices().size());
      case 2 -> "I cannot tell from this image.";
      default -> "Looking at the picture, the answer is (" + right + ").";
    };
  }

  @Test
  void cvBenchRunScoresEveryTaskFromRealHttpReplies() throws Exception {
    Path data = dir.resolve("cv").resolve("test_2d.parquet");
    Files.createDirectories(data.getParent());
    List<SyntheticData.Item> truth = SyntheticData.writeCvBench(data, 24, 11);
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> new Reply.Answer(reply(truth.get(FakeModel.item(r)))),
            Duration.ofMillis(5),
            true)) {
      RunConfig cfg =
          RunConfig.of(
              BenchmarkRegistry.get("cv-bench"),
              data.getParent(),
              PromptTemplate.SPATIAL_THINKER,
              dir.resolve("run"),
              4);
      EvalRunner.Result result =
          new EvalRunner(
                  client(server),
                  cfg,
                  Optional.empty(),
                  RetrySettings.NONE,
                  new EvalRunner.Listener() {})
              .run();

      // Prompts and images as sent.
      assertThat(server.requests()).hasSize(24);
      for (LoopbackChatServer.Request r : server.requests()) {
        SyntheticData.Item item = truth.get(FakeModel.item(r));
        int[] size = item.sizes().get(0);
        assertThat(r.images()).hasSize(1);
        assertThat(r.images().get(0).width()).isEqualTo(size[0]);
        assertThat(r.images().get(0).height()).isEqualTo(size[1]);
        assertThat(r.text())
            .startsWith("You FIRST observe the image")
            .contains("Image size: (" + size[0] + " x " + size[1] + ")")
            .endsWith(item.prompt());
        assertThat(r.body().path("temperature").asDouble()).isZero();
        assertThat(r.body().path("max_tokens").asInt()).isEqualTo(2048);
        assertThat(r.body().path("messages").get(0).path("content").get(0).path("type").asText())
            .isEqualTo("image_url");
      }

      // Per-item extraction and correctness.
      Map<Long, Prediction> byIndex = new HashMap<>();
      PredictionLog.readAll(dir.resolve("run/predictions.jsonl"))
          .forEach(p -> byIndex.put(p.index(), p));
      assertThat(byIndex).hasSize(24);
      Map<String, int[]> expected = new HashMap<>();
      for (SyntheticData.Item item : truth) {
        Prediction p = byIndex.get(item.index());
        boolean right = item.index() % 4 == 0 || item.index() % 4 == 3;
        assertThat(p.correct()).as("item %d: %s", item.index(), p.response()).isEqualTo(right);
        assertThat(p.pred().isEmpty()).isEqualTo(item.index() % 4 == 2);
        assertThat(p.answer()).isEqualTo(item.answer());
        assertThat(p.source()).contains(item.source());
        int[] c = expected.computeIfAbsent(item.task(), t -> new int[2]);
        c[0] += right ? 1 : 0;
        c[1]++;
      }
      Summary s = result.summary();
      for (Summary.TaskScore t : s.tasks()) {
        if (t.accuracy().n() > 0) {
          assertThat(t.correct()).as(t.task()).isEqualTo(expected.get(t.task())[0]);
          assertThat(t.accuracy().n()).isEqualTo(expected.get(t.task())[1]);
        }
      }
      assertThat(s.accuracy().value()).isEqualTo(0.5);
      assertThat(s.noAnswer()).isEqualTo(6);
      assertThat(s.scores())
          .containsKeys("CV-Bench 2D = mean(ADE20K, COCO)", "CV-Bench overall = mean(2D, 3D)");

      // The run directory.
      JsonNode run = PredictionJson.JSON.readTree(dir.resolve("run/run.json").toFile());
      assertThat(run.at("/benchmark/name").asText()).isEqualTo("cv-bench");
      assertThat(run.at("/data/hash").asText()).startsWith("sha256:");
      assertThat(run.at("/model/model").asText()).isEqualTo("fake-vlm");
      assertThat(run.at("/provenance/jdk").asText()).isNotBlank();
      assertThat(run.at("/sessions").size()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("run/summary.md")))
          .contains("| **all** | 24 | 12 | 50.0 ± 10.2 |");
      assertThat(
              PredictionJson.JSON
                  .readTree(dir.resolve("run/summary.json").toFile())
                  .at("/accuracy/value")
                  .asDouble())
          .isEqualTo(0.5);
    }
  }

  @Test
  void blinkMultiViewSendsBothImagesInColumnOrder() throws Exception {
    Path data =
        dir.resolve("blink").resolve("Multi-view_Reasoning").resolve("val-00000-of-00001.parquet");
    Files.createDirectories(data.getParent());
    List<SyntheticData.Item> truth =
        SyntheticData.writeBlink(data, "Multi-view_Reasoning", 2, 8, 3);
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> {
              SyntheticData.Item it = truth.get(FakeModel.item(r));
              return new Reply.Answer(
                  "(" + it.answer() + ") " + it.choices().get(it.answer().charAt(0) - 'A'));
            },
            Duration.ZERO,
            true)) {
      RunConfig cfg =
          RunConfig.of(
              BenchmarkRegistry.get("blink-multi-view"),
              dir.resolve("blink"),
              PromptTemplate.REASONING,
              dir.resolve("run"),
              3);
      Summary s =
          new EvalRunner(
                  client(server),
                  cfg,
                  Optional.empty(),
                  RetrySettings.NONE,
                  new EvalRunner.Listener() {})
              .run()
              .summary();
      assertThat(s.accuracy().value()).isEqualTo(1.0);
      assertThat(s.items()).isEqualTo(8);
      for (LoopbackChatServer.Request r : server.requests()) {
        SyntheticData.Item it = truth.get(FakeModel.item(r));
        assertThat(r.images()).hasSize(2);
        assertThat(r.images().get(0).width()).isEqualTo(it.sizes().get(0)[0]);
        assertThat(r.images().get(1).width()).isEqualTo(it.sizes().get(1)[0]);
        assertThat(r.text()).startsWith("You FIRST think").contains("\nQuestion: " + it.prompt());
      }
    }
  }

  @Test
  void stvqaRunReportsGroundingFromTheModelsOwnScene() throws Exception {
    Path data = dir.resolve("stvqa.parquet");
    List<SyntheticData.Item> truth = SyntheticData.writeStvqa(data, 10, 5);
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> {
              int i = FakeModel.item(r);
              // Tags count rows of the file, train rows included; find the item by its tag.
              SyntheticData.Item it =
                  truth.stream()
                      .filter(t -> t.prompt().contains("[item " + i + "]"))
                      .findFirst()
                      .orElseThrow();
              int correct = it.answer().charAt(0) - 'A';
              String letter = String.valueOf((char) ('A' + correct));
              return new Reply.Answer(
                  "<observe>A cube and a sphere.</observe>\n<scene>"
                      + SyntheticData.stvqaScene(correct)
                      + "</scene>\n<think>Compare x.</think>\n<answer>("
                      + letter
                      + ") "
                      + (correct == 0 ? "left of" : "right of")
                      + "</answer>");
            },
            Duration.ZERO,
            false)) {
      RunConfig cfg =
          RunConfig.of(
              BenchmarkRegistry.get("stvqa-ours"),
              data,
              PromptTemplate.SPATIAL_THINKER,
              dir.resolve("run"),
              2);
      Summary s =
          new EvalRunner(
                  client(server),
                  cfg,
                  Optional.empty(),
                  RetrySettings.NONE,
                  new EvalRunner.Listener() {})
              .run()
              .summary();
      assertThat(s.items()).isEqualTo(8);
      assertThat(s.accuracy().value()).isEqualTo(1.0);
      Summary.GroundingSummary g = s.grounding().orElseThrow();
      assertThat(g.formatRate()).isEqualTo(1.0);
      assertThat(g.meanIou()).isEqualTo(1.0);
      assertThat(g.meanDenseReward()).isGreaterThan(0.99);
    }
  }
}
