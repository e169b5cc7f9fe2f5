package spatialthinker.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import spatialthinker.clients.loopback.LoopbackChatServer;
import spatialthinker.clients.loopback.LoopbackChatServer.Reply;

class AnthropicChatModelIT {

  @Test
  void speaksTheMessagesApiAndFitsLargeImages() {
    try (LoopbackChatServer server =
        LoopbackChatServer.start(r -> new Reply.Answer("(A) left"), Duration.ZERO, true)) {
      AnthropicChatModel model =
          new AnthropicChatModel(
              new AnthropicChatModel.Config(
                  server.baseUrl().resolve("/"),
                  "claude-test",
                  ApiKey.fromEnv("ANTHROPIC_TEST_KEY", "ak-secret").orElseThrow(),
                  Duration.ofSeconds(20),
                  ImageLimits.ANTHROPIC));
      ImagePart small = ImagePart.of(TestImages.png(64, 48, false, 1));
      ImagePart large = ImagePart.of(TestImages.png(2400, 1600, false, 2));
      ChatRequest req =
          new ChatRequest(
              List.of(
                  ChatMessage.text(Role.SYSTEM, "You are careful."),
                  ChatMessage.user(List.of(small, large, new TextPart("Which side?")))),
              256,
              OptionalDouble.of(0.0),
              Map.of());
      ChatResponse resp = model.chat(req);

      assertThat(resp.text()).isEqualTo("(A) left");
      assertThat(resp.finishReason()).isEqualTo("end_turn");
      LoopbackChatServer.Request seen = server.requests().get(0);
      assertThat(seen.path()).isEqualTo("/v1/messages");
      assertThat(seen.header("x-api-key")).contains("ak-secret");
      assertThat(seen.header("anthropic-version")).contains(AnthropicChatModel.API_VERSION);
      assertThat(seen.body().path("system").asText()).isEqualTo("You are careful.");
      assertThat(seen.body().path("max_tokens").asInt()).isEqualTo(256);
      assertThat(seen.body().path("messages")).hasSize(1);
      assertThat(seen.images()).hasSize(2);
      assertThat(seen.images().get(0)).isEqualTo(small);
      ImagePart sent = seen.images().get(1);
      assertThat(sent).isEqualTo(model.prepareImage(large));
      assertThat(Math.max(sent.width(), sent.height())).isLessThanOrEqualTo(1568);
      assertThat((long) sent.width() * sent.height()).isLessThanOrEqualTo(1_150_000);
      assertThat(
              seen.body()
                  .path("messages")
                  .get(0)
                  .path("content")
                  .get(0)
                  .path("source")
                  .path("type")
                  .asText())
          .isEqualTo("base64");
      assertThat(model.info().endpoint()).endsWith("/v1/messages");
    }
  }
}
