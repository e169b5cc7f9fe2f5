package spatialthinker.reward.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardScore;
import spatialthinker.reward.TestRewards;

class RewardServerIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SCENE =
      "<scene>{\"objects\": [{\"id\": \"cup.1\", \"bbox\": [10, 20, 110, 220]}],"
          + " \"relationships\": []}</scene>";
  private static final String GT_BEHIND = SCENE + "\n<answer>(B) behind</answer>";
  private static final String GT_LEFT = SCENE + "\n<answer>(A) left</answer>";
  private static final String PERFECT =
      "<think>The cup is behind.</think><answer>(B) behind</answer>";
  private static final String WRONG = "<think>The cup is left.</think><answer>(A) left</answer>";
  // No tags: format fails, but the whole text is the answer and it is right.
  private static final String UNFORMATTED = "(B) behind";

  private static RewardServer server;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    server =
        RewardServer.start(
            RewardServerConfig.defaults().withPort(0).withThreads(4),
            new TestRewards.SizeCheckingSparse(),
            name -> {
              if (name.equals("echo")) {
                return new TestRewards.Echo();
              }
              throw new IllegalArgumentException("known: sparse, echo");
            });
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String problem(int w, int h) {
    return "You FIRST observe the image in <observe> </observe> tags ...\n\nImage size: ("
        + w
        + " x "
        + h
        + ")\n\nWhere is the cup relative to the table?\n(A) left\n(B) behind";
  }

  private static String qwenPrompt(String problem) {
    return "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
        + "<|vision_start|><|image_pad|><|vision_end|>"
        + problem
        + "<|im_end|>\n<|im_start|>assistant\n";
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return send(path, BodyPublishers.ofString(body));
  }

  private static HttpResponse<String> send(String path, BodyPublisher body) throws Exception {
    return send(server, path, body);
  }

  private static HttpResponse<String> send(RewardServer target, String path, BodyPublisher body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(target.uri().resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(body)
            .build();
    return http.send(request, BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return MAPPER.readTree(response.body());
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(n -> out.add(n.doubleValue()));
    return out;
  }

  @Test
  void answersOpenRlhfRequestWithQwenTemplatedQueries() throws Exception {
    String[] responses = {PERFECT, WRONG, UNFORMATTED, PERFECT};
    String[] labels = {GT_BEHIND, GT_BEHIND, GT_BEHIND, GT_LEFT};
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode query = body.putArray("query");
    ArrayNode prompts = body.putArray("prompts");
    ArrayNode labelArray = body.putArray("labels");
    List<RewardScore> expected = new ArrayList<>();
    for (int i = 0; i < responses.length; i++) {
      String problem = problem(640 + i, 480);
      String prompt = qwenPrompt(problem);
      // The query's image placeholder is expanded, as decoding the prompt tokens gives it.
      query.add(
          prompt.replace("<|image_pad|>", "<|image_pad|><|image_pad|>")
              + responses[i]
              + "<|im_end|>");
      prompts.add(prompt);
      labelArray.add(labels[i]);
      expected.add(TestRewards.SPARSE.score(new RewardInput(responses[i], labels[i], problem)));
    }

    HttpResponse<String> response = post("/get_reward", body.toString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json(response);
    List<Double> overall = expected.stream().map(RewardScore::overall).toList();
    assertThat(doubles(answer.get("rewards"))).containsExactlyElementsOf(overall);
    assertThat(doubles(answer.get("scores"))).containsExactlyElementsOf(overall);
    assertThat(doubles(answer.get("rewards"))).containsExactly(1.0, 0.5, 0.5, 0.5);
    JsonNode logs = answer.get("extra_logs");
    assertThat(doubles(logs.get("format"))).containsExactly(1.0, 1.0, 0.0, 1.0);
    assertThat(doubles(logs.get("accuracy"))).containsExactly(1.0, 0.0, 1.0, 0.0);
    assertThat(doubles(logs.get("count"))).containsExactly(0.0, 0.0, 0.0, 0.0);
    assertThat(doubles(logs.get("spatial"))).containsExactly(0.0, 0.0, 0.0, 0.0);
  }

  @Test
  void openRlhfWithoutPromptsTakesProblemFromTheQuery() throws Exception {
    String body =
        MAPPER.writeValueAsString(
            java.util.Map.of(
                "query", List.of(qwenPrompt(problem(320, 240)) + PERFECT + "<|im_end|>"),
                "labels", List.of(GT_BEHIND)));

    HttpResponse<String> response = post("/get_reward", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(doubles(json(response).get("rewards"))).containsExactly(1.0);
  }

  @Test
  void openRlhfRejectsMismatchedLengths() throws Exception {
    String body = "{\"query\": [\"a\", \"b\"], \"prompts\": [\"a\", \"b\"], \"labels\": [\"x\"]}";

    HttpResponse<String> response = post("/get_reward", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).startsWith("labels: length 1");
  }

  @Test
  void openRlhfRejectsMissingLabels() throws Exception {
    HttpResponse<String> response = post("/get_reward", "{\"query\": [\"a\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("labels: missing");
  }

  @Test
  void openRlhfNamesANonStringItem() throws Exception {
    HttpResponse<String> response =
        post("/get_reward", "{\"query\": [\"a\", 7], \"labels\": [\"x\", \"y\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText())
        .isEqualTo("query[1]: expected a string, got number");
  }

  @Test
  void batchPreservesOrderAcrossChunks() throws Exception {
    int n = 203;
    ArrayNode records = MAPPER.createArrayNode();
    for (int i = 0; i < n; i++) {
      records
          .addObject()
          .put("response", String.format(Locale.ROOT, "%.4f", i / 1000.0))
          .put("ground_truth", "g")
          .put("problem", "p");
    }
    ObjectNode body = MAPPER.createObjectNode().put("reward", "echo");
    body.set("records", records);

    HttpResponse<String> response = post("/v1/rewards", body.toString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode scores = json(response).get("scores");
    assertThat(scores).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(scores.get(i).get("overall").doubleValue()).isEqualTo(i / 1000.0);
      assertThat(scores.get(i).get("spatial").doubleValue()).isEqualTo(1.0 - i / 1000.0);
    }
  }

  @Test
  void batchScoresWithTheDefaultReward() throws Exception {
    String body =
        "{\"records\": ["
            + record(PERFECT, GT_BEHIND, problem(640, 480))
            + ","
            + record(WRONG, GT_BEHIND, problem(640, 480))
            + "]}";

    HttpResponse<String> response = post("/v1/rewards", body);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode scores = json(response).get("scores");
    assertThat(scores.get(0).get("overall").doubleValue()).isEqualTo(1.0);
    assertThat(scores.get(1).get("overall").doubleValue()).isEqualTo(0.5);
    assertThat(scores.get(1).get("format").doubleValue()).isEqualTo(1.0);
    assertThat(scores.get(1).get("accuracy").doubleValue()).isEqualTo(0.0);
    assertThat(fieldNames(scores.get(0)))
        .containsExactly("overall", "format", "count", "accuracy", "spatial");
  }

  @Test
  void batchAcceptsABareArray() throws Exception {
    String body = "[" + record(PERFECT, GT_BEHIND, problem(640, 480)) + "]";

    HttpResponse<String> response = post("/v1/rewards", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("scores").get(0).get("overall").doubleValue()).isEqualTo(1.0);
  }

  @Test
  void emptyBatchGivesEmptyScores() throws Exception {
    HttpResponse<String> response = post("/v1/rewards", "{\"records\": []}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("scores")).isEmpty();
  }

  @Test
  void rejectsMalformedJson() throws Exception {
    HttpResponse<String> response = post("/v1/rewards", "{\"records\": [");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).startsWith("body: not valid JSON");
  }

  @Test
  void rejectsEmptyBody() throws Exception {
    HttpResponse<String> response = post("/v1/rewards", "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).startsWith("body: empty");
  }

  @Test
  void namesTheMissingField() throws Exception {
    String body =
        "{\"records\": ["
            + record(PERFECT, GT_BEHIND, "p")
            + ", {\"response\": \"r\", \"ground_truth\": \"g\"}]}";

    HttpResponse<String> response = post("/v1/rewards", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("records[1].problem: missing");
  }

  @Test
  void namesAFieldOfTheWrongType() throws Exception {
    String body = "{\"records\": [{\"response\": 1, \"ground_truth\": \"g\", \"problem\": \"p\"}]}";

    HttpResponse<String> response = post("/v1/rewards", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText())
        .isEqualTo("records[0].response: expected a string, got number");
  }

  @Test
  void namesTheRecordTheRewardRejects() throws Exception {
    String body =
        "["
            + record(PERFECT, GT_BEHIND, problem(640, 480))
            + ","
            + record(PERFECT, GT_BEHIND, "no size here")
            + "]";

    HttpResponse<String> response = post("/v1/rewards", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText())
        .isEqualTo("records[1]: problem: no 'Image size: (W x H)'");
  }

  @Test
  void rejectsAnUnknownRewardName() throws Exception {
    HttpResponse<String> response =
        post("/v1/rewards", "{\"reward\": \"dense-v9\", \"records\": []}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText())
        .startsWith("reward: unknown reward 'dense-v9'");
  }

  @Test
  void healthNamesTheDefaultReward() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/health")).GET().build(),
            BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("status").asText()).isEqualTo("ok");
    assertThat(body.get("reward").asText()).isEqualTo("sparse");
  }

  @Test
  void unknownPathIs404Json() throws Exception {
    HttpResponse<String> response = post("/v2/nothing", "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).contains("/v2/nothing");
  }

  @Test
  void wrongMethodIs405Json() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/get_reward")).GET().build(),
            BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(json(response).has("error")).isTrue();
  }

  @Test
  void concurrentRequestsAreEachAnsweredCorrectly() throws Exception {
    String[] responses = {PERFECT, WRONG, UNFORMATTED};
    double[] overall = {1.0, 0.5, 0.5};
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> jobs = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int client = c;
        jobs.add(
            () -> {
              for (int r = 0; r < 15; r++) {
                int size = 1 + (client * 7 + r * 3) % 40;
                StringBuilder body = new StringBuilder("{\"records\": [");
                double[] want = new double[size];
                for (int i = 0; i < size; i++) {
                  int kind = (client + r + i) % 3;
                  want[i] = overall[kind];
                  body.append(i == 0 ? "" : ",")
                      .append(record(responses[kind], GT_BEHIND, problem(100 + i, 100 + r)));
                }
                HttpResponse<String> response = post("/v1/rewards", body.append("]}").toString());
                JsonNode scores = MAPPER.readTree(response.body()).get("scores");
                double[] got = new double[size];
                for (int i = 0; i < size; i++) {
                  got[i] = scores.get(i).get("overall").doubleValue();
                }
                if (response.statusCode() != 200 || !Arrays.equals(want, got)) {
                  return false;
                }
              }
              return true;
            });
      }
      for (Future<Boolean> f : clients.invokeAll(jobs)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void oversizeBodyIs413WithAndWithoutContentLength() throws Exception {
    try (RewardServer small =
        RewardServer.start(
            RewardServerConfig.defaults().withPort(0).withMaxBodyBytes(4096).withThreads(1),
            TestRewards.SPARSE)) {
      byte[] big = padded(64 * 1024);
      byte[] huge = padded(8 * 1024 * 1024);
      byte[] atLimit = padded(4096);

      HttpResponse<String> sized = send(small, "/v1/rewards", BodyPublishers.ofByteArray(big));
      HttpResponse<String> chunked =
          send(
              small,
              "/v1/rewards",
              BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
      HttpResponse<String> hugeSized = send(small, "/v1/rewards", BodyPublishers.ofByteArray(huge));
      HttpResponse<String> hugeChunked =
          send(
              small,
              "/v1/rewards",
              BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)));
      HttpResponse<String> fits = send(small, "/v1/rewards", BodyPublishers.ofByteArray(atLimit));
      HttpResponse<String> fitsChunked =
          send(
              small,
              "/v1/rewards",
              BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(atLimit)));

      for (HttpResponse<String> r : List.of(sized, chunked, hugeSized, hugeChunked)) {
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("error").asText()).contains("4096 bytes");
      }
      assertThat(fits.statusCode()).isEqualTo(200);
      assertThat(fitsChunked.statusCode()).isEqualTo(200);
      assertThat(json(fits).get("scores")).hasSize(1);
    }
  }

  /** A valid one-record batch padded with spaces to exactly {@code size} bytes. */
  private static byte[] padded(int size) {
    String record = "[" + record(PERFECT, GT_BEHIND, "p") + "]";
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) ' ');
    byte[] head = record.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }

  private static String record(String response, String groundTruth, String problem) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("response", response).put("ground_truth", groundTruth).put("problem", problem);
    return node.toString();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
