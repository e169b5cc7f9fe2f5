package spatialthinker.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import spatialthinker.clients.loopback.LoopbackChatServer;
import spatialthinker.clients.loopback.LoopbackChatServer.Reply;

class OpenAiChatModelIT {

  private static OpenAiChatModel client(URI base, Optional<ApiKey> key) {
    return new OpenAiChatModel(
        new OpenAiChatModel.Config(base, "qwen2.5-vl-7b", key, Duration.ofSeconds(10)));
  }

  @Test
  void sendsTextImagesAndSettingsAndReadsTheReply() {
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> new Reply.Answer("<answer>(B) right</answer>"), Duration.ZERO, true)) {
      ImagePart a = ImagePart.of(TestImages.png(32, 24, false, 1));
      ImagePart b = ImagePart.of(TestImages.jpeg(16, 16, 2));
      ChatRequest req =
          new ChatRequest(
              List.of(
                  ChatMessage.text(Role.SYSTEM, "Be brief."),
                  ChatMessage.user(List.of(a, b, new TextPart("Which is right?")))),
              512,
              OptionalDouble.of(0.0),
              Map.of("top_p", 0.9, "seed", 7));
      ChatResponse resp =
          client(server.baseUrl(), ApiKey.fromEnv("TEST_KEY", "sk-secret")).chat(req);

      assertThat(resp.text()).isEqualTo("<answer>(B) right</answer>");
      assertThat(resp.finishReason()).isEqualTo("stop");
      assertThat(resp.usage()).contains(new Usage(10, 5));
      assertThat(resp.attempts()).isEqualTo(1);
      LoopbackChatServer.Request seen = server.requests().get(0);
      assertThat(seen.path()).isEqualTo("/v1/chat/completions");
      assertThat(seen.header("Authorization")).contains("Bearer sk-secret");
      assertThat(seen.images()).containsExactly(a, b);
      assertThat(seen.text()).isEqualTo("Be brief.\nWhich is right?");
      assertThat(seen.body().path("model").asText()).isEqualTo("qwen2.5-vl-7b");
      assertThat(seen.body().path("max_tokens").asInt()).isEqualTo(512);
      assertThat(seen.body().path("temperature").asDouble()).isEqualTo(0.0);
      assertThat(seen.body().path("top_p").asDouble()).isEqualTo(0.9);
      assertThat(seen.body().path("seed").asInt()).isEqualTo(7);
      assertThat(
              seen.body()
                  .path("messages")
                  .get(1)
                  .path("content")
                  .get(0)
                  .path("image_url")
                  .path("url")
                  .asText())
          .startsWith("data:image/png;base64,");
    }
  }

  @Test
  void sendsNoAuthorizationWithoutAKeyAndLeavesTemperatureToTheServer() {
    try (LoopbackChatServer server =
        LoopbackChatServer.start(r -> new Reply.Answer("B"), Duration.ZERO, true)) {
      client(server.baseUrl(), Optional.empty())
          .chat(ChatRequest.of(List.of(new TextPart("hi")), 8, OptionalDouble.empty()));
      LoopbackChatServer.Request seen = server.requests().get(0);
      assertThat(seen.header("Authorization")).isEmpty();
      assertThat(seen.body().has("temperature")).isFalse();
    }
  }

  @Test
  void addsThePathToAnyBaseUrl() {
    assertThat(OpenAiChatModel.endpoint(URI.create("http://h:8000/v1")))
        .hasToString("http://h:8000/v1/chat/completions");
    assertThat(OpenAiChatModel.endpoint(URI.create("http://h:8000/v1/")))
        .hasToString("http://h:8000/v1/chat/completions");
    assertThat(OpenAiChatModel.endpoint(URI.create("http://h:8000")))
        .hasToString("http://h:8000/v1/chat/completions");
    assertThat(OpenAiChatModel.endpoint(URI.create("http://h:8000/v1/chat/completions")))
        .hasToString("http://h:8000/v1/chat/completions");
    assertThat(OpenAiChatModel.endpoint(URI.create("https://api.openai.com/v1")))
        .hasToString("https://api.openai.com/v1/chat/completions");
  }

  @Test
  void rejectedRequestNamesTheStatusButNeverTheKey() {
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> new Reply.Status(401, "{\"error\": \"bad key\"}", Optional.empty()),
            Duration.ZERO,
            false)) {
      OpenAiChatModel model = client(server.baseUrl(), ApiKey.fromEnv("TEST_KEY", "sk-secret"));
      assertThatThrownBy(
              () ->
                  model.chat(
                      ChatRequest.of(List.of(new TextPart("hi")), 8, OptionalDouble.empty())))
          .isInstanceOf(ModelRequestException.class)
          .hasMessageContaining("HTTP 401")
          .hasMessageNotContaining("sk-secret");
      assertThat(model.info().toString()).doesNotContain("sk-secret");
      assertThat(ApiKey.fromEnv("TEST_KEY", "sk-secret").orElseThrow().toString())
          .isEqualTo("ApiKey[from $TEST_KEY]");
    }
  }
}
