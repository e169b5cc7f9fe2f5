package spatialthinker.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
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
import spatialthinker.eval.testing.SyntheticData;

/** Faults during a run are retried or recorded; a resumed run finishes without duplicates. */
class EvalFaultsAndResumeIT {

  private static final RetrySettings FAST =
      new RetrySettings(3, Duration.ofMillis(5), Duration.ofMillis(20), 0.25);

  @TempDir Path dir;
  private Path data;
  private List<SyntheticData.Item> truth;

  @BeforeEach
  void writeData() {
    data = dir.resolve("test_2d.parquet");
    truth = SyntheticData.writeCvBench(data, 30, 7);
  }

  private static OpenAiChatModel client(LoopbackChatServer server, Duration timeout) {
    return new OpenAiChatModel(
        new OpenAiChatModel.Config(server.baseUrl(), "m", Optional.empty(), timeout));
  }

  private Reply right(LoopbackChatServer.Request r) {
    return new Reply.Answer("<answer>(" + truth.get(FakeModel.item(r)).answer() + ")</answer>");
  }

  private RunConfig config(Path out) {
    return RunConfig.of(
        BenchmarkRegistry.get("cv-bench-2d"), data, PromptTemplate.NO_REASONING, out, 6);
  }

  @Test
  void transientFaultsAreRetriedAndPermanentOnesRecordedAsFailures() {
    Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> {
              int i = FakeModel.item(r);
              int n = calls.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
              return switch (i % 6) {
                case 0 -> n == 1 ? new Reply.Status(429, "slow down", Optional.of("0")) : right(r);
                case 1 -> n == 1 ? new Reply.Status(500, "oops", Optional.empty()) : right(r);
                case 2 -> n == 1 ? new Reply.Stall(Duration.ofMillis(800), right(r)) : right(r);
                case 3 -> n == 1 ? new Reply.Raw(200, "{\"choices\": [{\"mess") : right(r);
                case 4 -> n == 1 ? new Reply.EmptyContent() : right(r);
                default ->
                    i == 5 ? new Reply.Status(503, "down for good", Optional.empty()) : right(r);
              };
            },
            Duration.ZERO,
            false)) {
      EvalRunner.Result res =
          new EvalRunner(
                  client(server, Duration.ofMillis(400)),
                  config(dir.resolve("run")),
                  Optional.empty(),
                  FAST,
                  new EvalRunner.Listener() {})
              .run();
      List<Prediction> preds = PredictionLog.readAll(dir.resolve("run/predictions.jsonl"));
      assertThat(preds).hasSize(30);
      Prediction dead = preds.stream().filter(p -> p.index() == 5).findFirst().orElseThrow();
      assertThat(dead.failed()).isTrue();
      assertThat(dead.pred()).isEmpty();
      assertThat(dead.correct()).isFalse();
      assertThat(dead.attempts()).isEqualTo(3);
      assertThat(dead.error().orElseThrow())
          .contains("gave up after 3 attempts")
          .contains("HTTP 503");
      assertThat(preds.stream().filter(p -> p.index() != 5)).allMatch(Prediction::correct);
      assertThat(preds.stream().filter(p -> p.index() < 5)).allMatch(p -> p.attempts() == 2);
      assertThat(res.summary().failed()).isEqualTo(1);
      assertThat(res.summary().accuracy().value()).isEqualTo(29.0 / 30);
    }
  }

  @Test
  void resumeSkipsFinishedItemsCutsATornLineAndRetriesFailuresOnRequest() throws Exception {
    Path out = dir.resolve("run");
    AtomicInteger requests = new AtomicInteger();
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> {
              requests.incrementAndGet();
              return FakeModel.item(r) == 3
                  ? new Reply.Status(400, "bad", Optional.empty())
                  : right(r);
            },
            Duration.ZERO,
            false)) {
      new EvalRunner(
              client(server, Duration.ofSeconds(5)),
              config(out).withLimit(10),
              Optional.empty(),
              FAST,
              new EvalRunner.Listener() {})
          .run();
      assertThat(requests.get()).isEqualTo(10);
      Files.writeString(
          out.resolve("predictions.jsonl"),
          "{\"benchmark\": \"cv-bench-2d\", \"ind",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);

      assertThatThrownBy(
              () ->
                  new EvalRunner(
                          client(server, Duration.ofSeconds(5)),
                          config(out),
                          Optional.empty(),
                          FAST,
                          new EvalRunner.Listener() {})
                      .run())
          .hasMessageContaining("already holds a run");

      String firstStart =
          PredictionJson.JSON
              .readTree(out.resolve("run.json").toFile())
              .at("/provenance/started_at")
              .asText();
      requests.set(0);
      EvalRunner.Result resumed =
          new EvalRunner(
                  client(server, Duration.ofSeconds(5)),
                  config(out).withResume(true, false),
                  Optional.empty(),
                  FAST,
                  new EvalRunner.Listener() {})
              .run();
      assertThat(requests.get()).isEqualTo(20);
      assertThat(resumed.newPredictions()).isEqualTo(20);
      List<Prediction> preds = PredictionLog.readAll(out.resolve("predictions.jsonl"));
      assertThat(preds).extracting(Prediction::index).doesNotHaveDuplicates().hasSize(30);
      assertThat(preds.stream().filter(Prediction::failed))
          .extracting(Prediction::index)
          .containsExactly(3L);

      requests.set(0);
      new EvalRunner(
              client(server, Duration.ofSeconds(5)),
              config(out).withResume(true, true),
              Optional.empty(),
              FAST,
              new EvalRunner.Listener() {})
          .run();
      assertThat(requests.get()).isEqualTo(1);
      assertThat(PredictionLog.readAll(out.resolve("predictions.jsonl"))).hasSize(30);
      var manifest = PredictionJson.JSON.readTree(out.resolve("run.json").toFile());
      assertThat(manifest.at("/sessions").size()).isEqualTo(3);
      // After two resumes the first start is still the first run's, not the previous resume's.
      assertThat(manifest.at("/provenance/first_started_at").asText()).isEqualTo(firstStart);
      assertThat(manifest.at("/provenance/started_at").asText()).isNotEqualTo(firstStart);
    }
  }

  @Test
  void resumeRefusesARunMadeWithAnotherTemplate() {
    Path out = dir.resolve("run");
    try (LoopbackChatServer server = LoopbackChatServer.start(this::right, Duration.ZERO, false)) {
      new EvalRunner(
              client(server, Duration.ofSeconds(5)),
              config(out).withLimit(2),
              Optional.empty(),
              FAST,
              new EvalRunner.Listener() {})
          .run();
      RunConfig other =
          RunConfig.of(BenchmarkRegistry.get("cv-bench-2d"), data, PromptTemplate.REASONING, out, 6)
              .withResume(true, false);
      assertThatThrownBy(
              () ->
                  new EvalRunner(
                          client(server, Duration.ofSeconds(5)),
                          other,
                          Optional.empty(),
                          FAST,
                          new EvalRunner.Listener() {})
                      .run())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(
              "generation.template = \"no_reasoning\", this run has \"reasoning\"");
    }
  }
}
