package spatialthinker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.clients.ChatModel;
import spatialthinker.clients.OpenAiChatModel;
import spatialthinker.clients.RetrySettings;
import spatialthinker.clients.RetryingChatModel;
import spatialthinker.clients.loopback.LoopbackChatServer;
import spatialthinker.clients.loopback.LoopbackChatServer.Reply;
import spatialthinker.data.io.QaParquet;
import spatialthinker.data.llm.Journal;
import spatialthinker.data.llm.LlmQuestions;
import spatialthinker.data.synth.TemplateQuestions;
import spatialthinker.data.validate.ValidationSummary;
import spatialthinker.data.validate.Validator;
import spatialthinker.scenes.RenderedScenes;

/**
 * LLM question generation and pass@2 validation against a stand-in OpenAI-compatible server on
 * loopback, over real HTTP: good replies, bad JSON, rejected questions, 429s, timeouts, and runs
 * that fail part-way and resume without losing or repeating work.
 */
class LlmPathsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path scenes;

  @BeforeAll
  static void render() {
    scenes = TestScenes.render(dir.resolve("scenes"), 10, 5, 96);
  }

  static ChatModel client(LoopbackChatServer server) {
    return new RetryingChatModel(
        new OpenAiChatModel(
            new OpenAiChatModel.Config(
                server.baseUrl(), "stand-in", Optional.empty(), Duration.ofSeconds(3))),
        new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50), 0));
  }

  // ---------------- generation ----------------

  static final Map<String, AtomicInteger> TRIES = new ConcurrentHashMap<>();

  static Reply generate(LoopbackChatServer.Request req, boolean failScene8) {
    String text = req.text();
    JsonNode graph;
    try {
      String g = text.substring(text.indexOf("Scene graph:\n") + 13);
      int end = g.indexOf('\n');
      graph = JSON.readTree(end < 0 ? g : g.substring(0, end));
    } catch (Exception e) {
      return new Reply.Status(400, "{\"error\": \"no graph\"}", Optional.empty());
    }
    List<String> names = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode o : graph.get("objects")) {
      String name = o.get("id").asText().replaceAll("\\..*", "");
      names.add(name);
      counts.merge(name, 1, Integer::sum);
    }
    String image = imageOf(req);
    int n = TRIES.computeIfAbsent(image + failScene8, k -> new AtomicInteger()).incrementAndGet();
    String a = names.get(0);
    String b = names.get(names.size() - 1);
    String relation =
        "{\"question\": \"Where is the %s with respect to the %s?\", \"options\": [\"(A) left of\","
            + " \"(B) right of\"], \"answer\": \"A\", \"category\": \"relation\", \"level\":"
            + " \"easy\", \"rating\": 7}";
    return switch (image) {
      case "000001" ->
          n == 1
              ? Reply.answer("Sure! {question: oops")
              : Reply.answer(
                  String.format(
                      "```json\n{\"question\": \"Which is closer to the camera, the %s or the %s?\","
                          + " \"options\": [\"%s\", \"%s\"], \"answer\": \"B\", \"category\":"
                          + " \"depth\", \"level\": \"medium\", \"rating\": 8}\n```",
                      a, b, a + " one", b + " two"));
      case "000002" ->
          Reply.answer(
              String.format(
                  "{\"question\": \"How many %ss are there in the image?\", \"options\": [\"7\","
                      + " \"8\", \"9\"], \"answer\": \"A\", \"category\": \"count\", \"level\":"
                      + " \"easy\", \"rating\": 5}",
                  a));
      case "000003" ->
          Reply.answer(
              String.format(
                  "{\"question\": \"Is the %s next to the zebra?\", \"options\": [\"yes\", \"no\"],"
                      + " \"answer\": \"A\", \"category\": \"existence\", \"level\": \"easy\","
                      + " \"rating\": 3}",
                  a));
      case "000004" ->
          n == 1
              ? new Reply.Status(429, "{\"error\": \"slow down\"}", Optional.of("0"))
              : Reply.answer(String.format(relation, a, b));
      case "000005" ->
          n == 1
              ? new Reply.Stall(Duration.ofSeconds(6), Reply.answer("late"))
              : Reply.answer(
                  String.format(
                      "{\"question\": \"Is there a %s in the image?\", \"options\": [\"yes\","
                          + " \"no\"], \"answer\": \"yes\", \"category\": \"existence\", \"level\":"
                          + " \"easy\", \"rating\": 4}",
                      a));
      case "000006" -> Reply.answer("I cannot answer in JSON today.");
      case "000008" ->
          failScene8
              ? new Reply.Status(500, "{\"error\": \"down\"}", Optional.empty())
              : Reply.answer(
                  String.format(
                      "{\"question\": \"Which object is closer to the %s, the %s or the %s?\","
                          + " \"options\": [\"%s\", \"%s\"], \"answer\": \"A\", \"category\":"
                          + " \"distance\", \"level\": \"hard\", \"rating\": 9}",
                      a, b, a, a + " x", b + " y"));
      default -> Reply.answer(String.format(relation, a, b));
    };
  }

  static String imageOf(LoopbackChatServer.Request req) {
    // Scene graphs of different scenes differ; the scene index rides in the attribute lines'
    // order, so the stand-in recognises scenes by their graph text.
    return SCENE_BY_GRAPH.getOrDefault(graphLine(req.text()), "?");
  }

  static final Map<String, String> SCENE_BY_GRAPH = new ConcurrentHashMap<>();

  static String graphLine(String text) {
    String g = text.substring(text.indexOf("Scene graph:\n") + 13);
    int end = g.indexOf('\n');
    return end < 0 ? g : g.substring(0, end);
  }

  @Test
  void generatesChecksAndResumesWithoutLosingScenes() throws Exception {
    spatialthinker.scenes.SceneSource source = RenderedScenes.open(scenes);
    try (var s = source.scenes(x -> {})) {
      s.forEach(
          sc ->
              SCENE_BY_GRAPH.put(
                  new spatialthinker.core.parse.SceneJson(
                          spatialthinker.core.parse.ParseLimits.DEFAULT)
                      .write(sc.graph()),
                  sc.imageId()));
    }
    Path out = dir.resolve("gen/qa.parquet");
    Files.createDirectories(out.getParent());
    Path journalFile = dir.resolve("gen/qa.generated.jsonl");
    SynthOptions options = new SynthOptions(100, 50, 0.0, 1, 3);
    try (LoopbackChatServer server =
            LoopbackChatServer.start(r -> generate(r, true), Duration.ZERO, true);
        ChatModel m = client(server);
        Journal j = new Journal(journalFile, "image_id")) {
      assertThatThrownBy(
              () ->
                  new SynthesisJob(source, new LlmQuestions(m, j, 3, 256), options, out)
                      .run(new SynthesisJob.Listener() {}))
          .isInstanceOf(SceneFailedException.class)
          .hasMessageContaining("1 scenes failed");
      assertThat(j.size()).isEqualTo(9);
      assertThat(j.get("000003").orElseThrow().path("reason").asText())
          .contains("'zebra', which is not in the scene graph");
      assertThat(j.get("000006").orElseThrow().path("reason").asText())
          .startsWith("no usable JSON after 3 tries");
      assertThat(j.get("000001").orElseThrow().path("status").asText()).isEqualTo("ok");
    }
    assertThat(Files.exists(out)).isFalse();
    SynthSummary summary;
    try (LoopbackChatServer server =
            LoopbackChatServer.start(r -> generate(r, false), Duration.ZERO, true);
        ChatModel m = client(server);
        Journal j = new Journal(journalFile, "image_id")) {
      summary =
          new SynthesisJob(source, new LlmQuestions(m, j, 3, 256), options, out)
              .run(new SynthesisJob.Listener() {});
      assertThat(server.requestCount()).as("only the failed scene is asked again").isEqualTo(1);
    }
    assertThat(summary.skipped()).hasSize(2);
    List<QaRow> rows = QaParquet.read(out);
    assertThat(rows).extracting(QaRow::imageId).doesNotContain("000003", "000006");
    assertThat(rows).extracting(QaRow::imageId).contains("000002", "000008");
    QaRow count = rows.stream().filter(r -> r.imageId().equals("000002")).findFirst().orElseThrow();
    String name = count.questionOnly().replaceAll("How many (\\w+)s are.*", "$1");
    JsonNode sceneLine = sceneLine("000002");
    long truth = 0;
    for (JsonNode o : sceneLine.get("objects")) {
      if (o.get("shape").asText().equals(name)) {
        truth++;
      }
    }
    assertThat(count.answerTextOnly())
        .as("count corrected from the graph")
        .isEqualTo(Long.toString(truth));
    assertThat(count.answerOptionText()).contains("<scene>");
  }

  static JsonNode sceneLine(String id) throws Exception {
    for (String line : Files.readAllLines(scenes.resolve(RenderedScenes.SCENES_FILE))) {
      JsonNode n = JSON.readTree(line);
      if (n.get("image_id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError(id);
  }

  // ---------------- validation ----------------

  @Test
  void validatesWithPassAtTwoThenTwoMoreAndResumes() throws Exception {
    Path in = dir.resolve("val/in.parquet");
    Files.createDirectories(in.getParent());
    new SynthesisJob(
            RenderedScenes.open(scenes),
            new TemplateQuestions(2, 2),
            new SynthOptions(40, 50, 0.1, 2, 2),
            in)
        .run(new SynthesisJob.Listener() {});
    List<QaRow> rows = QaParquet.read(in);
    // Rows are told apart by question and image: the same question (with the same options) may
    // be asked of two images.
    Map<String, QaRow> byQuestion = new HashMap<>();
    for (QaRow r : rows) {
      byte[] image = Files.readAllBytes(scenes.resolve(r.imageName()));
      byQuestion.put(r.questionWithOptions() + "\u0000" + java.util.Arrays.hashCode(image), r);
    }
    Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    Path out = dir.resolve("val/out.parquet");
    // Behaviour by row: 0 right at once, 1 right at the 2nd, 2 right at the 4th, 3 never.
    java.util.function.Function<Boolean, LoopbackChatServer.Responder> responder =
        failKind3 ->
            req -> {
              QaRow r = null;
              if (req.images().size() != 1) {
                return new Reply.Status(400, "{}", Optional.empty());
              }
              int image = java.util.Arrays.hashCode(req.images().get(0).data());
              for (Map.Entry<String, QaRow> e : byQuestion.entrySet()) {
                if (req.text().contains(e.getValue().questionWithOptions())
                    && e.getKey().endsWith("\u0000" + image)) {
                  r = e.getValue();
                }
              }
              if (r == null) {
                return new Reply.Status(400, "{}", Optional.empty());
              }
              int kind = Math.floorMod(r.qaId().hashCode(), 4);
              if (failKind3 && kind == 3) {
                return new Reply.Status(503, "{}", Optional.empty());
              }
              int n = asked.computeIfAbsent(r.qaId(), k -> new AtomicInteger()).incrementAndGet();
              if (n == 1 && kind == 1) {
                return new Reply.Status(429, "{}", Optional.of("0"));
              }
              if (n == 2 && kind == 2) {
                return new Reply.Stall(Duration.ofSeconds(6), Reply.answer("late"));
              }
              int rightAt =
                  switch (kind) {
                    case 0 -> 1;
                    case 1 ->
                        3; // the 429 above counts as a request, so the 2nd answer is request 3
                    case 2 -> 5; // one stall above
                    default -> 99;
                  };
              String right = r.answerOnly();
              String wrong = right.equals("A") ? "B" : "A";
              return Reply.answer("<answer>(" + (n == rightAt ? right : wrong) + ")</answer>");
            };
    try (LoopbackChatServer server =
            LoopbackChatServer.start(responder.apply(true), Duration.ZERO, false);
        ChatModel m = client(server)) {
      assertThatThrownBy(() -> new Validator(m, 4, 16).run(in, out, i -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("run again");
    }
    Journal j = new Journal(Validator.journalOf(out), "qa_id");
    int recorded = j.size();
    j.close();
    long kind3 = rows.stream().filter(r -> Math.floorMod(r.qaId().hashCode(), 4) == 3).count();
    assertThat(recorded).isEqualTo(rows.size() - (int) kind3);
    ValidationSummary s;
    try (LoopbackChatServer server =
            LoopbackChatServer.start(responder.apply(false), Duration.ZERO, false);
        ChatModel m = client(server)) {
      s = new Validator(m, 4, 16).run(in, out, i -> {});
      assertThat(server.requestCount())
          .as("only unrecorded rows are asked")
          .isEqualTo(4 * (int) kind3);
    }
    assertThat(s.rows()).isEqualTo(rows.size());
    assertThat(s.resumed()).isEqualTo(recorded);
    assertThat(s.dropped()).isEqualTo((int) kind3);
    List<String> kept = QaParquet.read(out).stream().map(QaRow::qaId).toList();
    List<String> expected =
        rows.stream()
            .filter(r -> Math.floorMod(r.qaId().hashCode(), 4) != 3)
            .map(QaRow::qaId)
            .toList();
    assertThat(kept).isEqualTo(expected);
    Journal done = new Journal(Validator.journalOf(out), "qa_id");
    for (QaRow r : rows) {
      JsonNode v = done.get(r.qaId()).orElseThrow();
      int kind = Math.floorMod(r.qaId().hashCode(), 4);
      assertThat(v.path("answers").size())
          .isEqualTo(
              switch (kind) {
                case 0 -> 1;
                case 1 -> 2;
                default -> 4;
              });
      assertThat(v.path("kept_by").asText())
          .isEqualTo(
              switch (kind) {
                case 0, 1 -> "pass@2";
                case 2 -> "extra";
                default -> "none";
              });
    }
    done.close();
  }
}
