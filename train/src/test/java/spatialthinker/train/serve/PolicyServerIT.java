package spatialthinker.train.serve;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.core.parse.ResponseParser;
import spatialthinker.core.provenance.Provenance;
import spatialthinker.train.Preset;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.ckpt.TrainState;
import spatialthinker.train.data.DataCursor;
import spatialthinker.train.data.QaExample;
import spatialthinker.train.data.QaParquet;
import spatialthinker.train.data.TrainingData;
import spatialthinker.train.model.Policy;
import spatialthinker.train.text.Tokenizer;
import spatialthinker.train.toy.ToySpatialData;

/** The policy server answers OpenAI-shaped requests over real HTTP on loopback. */
class PolicyServerIT {

  @TempDir static Path dir;

  static NDManager root;
  static PolicyServer server;
  static QaExample example;
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    Path data = dir.resolve("toy.parquet");
    new ToySpatialData(64).write(data, 40, 0.2, 1);
    List<QaExample> rows = QaParquet.read(data);
    example = rows.get(0);
    Tokenizer tok = new TrainingData(rows, "toy").buildTokenizer();
    root = NDManager.newBaseManager();
    try (Policy p = Policy.initialise(Preset.TINY.model(tok.size()), tok, 3, root)) {
      Checkpoint.save(
          dir.resolve("ckpt"),
          p,
          java.util.Optional.empty(),
          new TrainState("sft", 0, DataCursor.START, 3, 0, 0),
          Provenance.here(Map.of(), 3, "none"));
    }
    Policy loaded = Checkpoint.loadPolicy(dir.resolve("ckpt"), root);
    server = PolicyServer.start(loaded, "st-tiny", "127.0.0.1", 0, 64);
  }

  @AfterAll
  static void stop() {
    server.close();
    root.close();
  }

  @Test
  void answersAChatCompletionWithImageDataUrlInOpenAiShape() throws Exception {
    String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(example.image());
    Map<String, Object> body =
        Map.of(
            "model",
            "st-tiny",
            "temperature",
            0,
            "max_tokens",
            48,
            "messages",
            List.of(
                Map.of("role", "system", "content", "You are a helpful assistant."),
                Map.of(
                    "role",
                    "user",
                    "content",
                    List.of(
                        Map.of("type", "image_url", "image_url", Map.of("url", dataUrl)),
                        Map.of("type", "text", "text", example.problem())))));
    HttpResponse<String> res = post("/v1/chat/completions", MAPPER.writeValueAsString(body));
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode json = MAPPER.readTree(res.body());
    assertThat(json.path("object").asText()).isEqualTo("chat.completion");
    assertThat(json.path("model").asText()).isEqualTo("st-tiny");
    JsonNode choice = json.path("choices").get(0);
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    String content = choice.path("message").path("content").asText();
    assertThat(choice.path("finish_reason").asText()).isIn("stop", "length");
    int completion = json.path("usage").path("completion_tokens").asInt();
    assertThat(completion).isBetween(1, 48);
    assertThat(json.path("usage").path("total_tokens").asInt())
        .isEqualTo(json.path("usage").path("prompt_tokens").asInt() + completion);
    // Whatever an untrained policy writes, the shared parser reads it without failing.
    assertThat(new ResponseParser().parse(content)).isNotNull();
    // Greedy answers are reproducible.
    HttpResponse<String> again = post("/v1/chat/completions", MAPPER.writeValueAsString(body));
    assertThat(MAPPER.readTree(again.body()).path("choices").get(0).path("message"))
        .isEqualTo(choice.path("message"));
  }

  @Test
  void listsTheModel() throws Exception {
    HttpResponse<String> res =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/v1/models")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode json = MAPPER.readTree(res.body());
    assertThat(json.path("object").asText()).isEqualTo("list");
    assertThat(json.path("data").get(0).path("id").asText()).isEqualTo("st-tiny");
  }

  @Test
  void rejectsARequestWithoutAnImageNamingTheField() throws Exception {
    String body =
        "{\"model\":\"st-tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"Where is it?\"}]}";
    HttpResponse<String> res = post("/v1/chat/completions", body);
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(res.body()).path("error").path("message").asText())
        .contains("image_url");
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
