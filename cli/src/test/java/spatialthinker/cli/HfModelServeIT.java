package spatialthinker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.eval.testing.SyntheticData;

/** {@code serve --hf-model} on the tiny Qwen2.5-VL fixture answers {@code eval run} over HTTP. */
class HfModelServeIT {

  private static final Path FIXTURE = Path.of("../models/src/test/resources/qwen25vl-tiny/hf");

  @TempDir Path dir;

  @Test
  void evalRunAgainstTheServedCheckpoint() throws Exception {
    Path data = dir.resolve("test_2d.parquet");
    SyntheticData.writeCvBench(data, 6, 3);
    try (HfModelServe.Running s =
        HfModelServe.start(FIXTURE, "fp32", 0, 0, "127.0.0.1", 0, "spatialthinker-policy", 12)) {
      assertThat(s.name()).isEqualTo("hf");
      int code =
          Main.run(
              "eval",
              "run",
              "--benchmark",
              "cv-bench-2d",
              "--data",
              data.toString(),
              "--endpoint",
              s.server().uri() + "/v1",
              "--model",
              s.name(),
              "--out",
              dir.resolve("run").toString(),
              "--concurrency",
              "2");
      assertThat(code).isZero();
    }
    List<String> lines = Files.readAllLines(dir.resolve("run/predictions.jsonl"));
    assertThat(lines).hasSize(6);
    ObjectMapper json = new ObjectMapper();
    for (String l : lines) {
      JsonNode p = json.readTree(l);
      assertThat(p.toString()).doesNotContain("\"error\":\"");
    }
  }

  @Test
  void anOpenAiClientGetsTheModelsOwnAnswerAndBadRequestsAreOpenAiShaped400s() throws Exception {
    try (HfModelServe.Running s =
        HfModelServe.start(FIXTURE, "fp32", 0, 0, "127.0.0.1", 0, "qwen25vl-tiny", 16)) {
      spatialthinker.clients.ImagePart img =
          spatialthinker.clients.ImagePart.of(
              Files.readAllBytes(FIXTURE.resolveSibling("image2.png")));
      spatialthinker.clients.ChatRequest req =
          spatialthinker.clients.ChatRequest.of(
              List.of(img, new spatialthinker.clients.TextPart("Where is the red mug?")),
              12,
              java.util.OptionalDouble.of(0));
      try (spatialthinker.clients.OpenAiChatModel client =
          new spatialthinker.clients.OpenAiChatModel(
              new spatialthinker.clients.OpenAiChatModel.Config(
                  java.net.URI.create(s.server().uri() + "/v1"),
                  "qwen25vl-tiny",
                  java.util.Optional.empty(),
                  java.time.Duration.ofSeconds(60)))) {
        spatialthinker.clients.ChatResponse remote = client.chat(req);
        spatialthinker.clients.ChatResponse local = s.model().chat(req);
        assertThat(remote.text()).isEqualTo(local.text());
        assertThat(remote.finishReason()).isEqualTo(local.finishReason());
        assertThat(remote.usage()).isEqualTo(local.usage());
      }
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      for (String[] c :
          new String[][] {
            {"{}", "messages: missing"},
            {"{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}", "role"},
            {
              "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": \"lots\"}",
              "max_tokens"
            },
            {
              "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": \"hot\"}",
              "temperature"
            },
            {"{bad", "body: "},
          }) {
        java.net.http.HttpResponse<String> r =
            http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(s.server().uri() + "/v1/chat/completions"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(c[0]))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
        JsonNode error = new ObjectMapper().readTree(r.body()).path("error");
        assertThat(error.path("message").asText()).as(c[0]).contains(c[1]);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
      }
    }
  }

  @Test
  void serveNeedsExactlyOneModelAndAnExistingDirectory() {
    assertThat(Main.run("serve", "--port", "0")).isEqualTo(Cli.FAILED);
    assertThat(
            Main.run(
                "serve",
                "--hf-model",
                FIXTURE.toString(),
                "--checkpoint",
                dir.toString(),
                "--port",
                "0"))
        .isEqualTo(Cli.FAILED);
    assertThat(Main.run("serve", "--hf-model", dir.resolve("none").toString(), "--port", "0"))
        .isEqualTo(Cli.FAILED);
  }

  @Test
  void onlyFp32IsOffered() {
    assertThatThrownBy(() -> HfModelServe.start(FIXTURE, "bf16", 0, 0, "127.0.0.1", 0, "m", 4))
        .hasMessageContaining("only fp32");
  }
}
