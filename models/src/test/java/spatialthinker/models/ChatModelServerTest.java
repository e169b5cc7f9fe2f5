package spatialthinker.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spatialthinker.clients.ChatRequest;
import spatialthinker.clients.ChatResponse;
import spatialthinker.clients.ImagePart;
import spatialthinker.clients.OpenAiChatModel;
import spatialthinker.clients.TextPart;

class ChatModelServerTest {

  private static QwenChatModel model;
  private static ChatModelServer server;

  @BeforeAll
  static void start() {
    model = QwenChatModel.load(Fixture.hf(), "qwen25vl-tiny", 0, 0);
    server = ChatModelServer.start(model, "qwen25vl-tiny", "127.0.0.1", 0, 16);
  }

  @AfterAll
  static void stop() {
    server.close();
    model.close();
  }

  @Test
  void openAiClientGetsTheModelsAnswerOverHttp() throws Exception {
    ImagePart img = ImagePart.of(Files.readAllBytes(Fixture.root().resolve("image2.png")));
    ChatRequest req =
        ChatRequest.of(
            List.of(img, new TextPart("Where is the red mug?")), 12, OptionalDouble.of(0));
    try (OpenAiChatModel client =
        new OpenAiChatModel(
            new OpenAiChatModel.Config(
                URI.create(server.uri() + "/v1"),
                "qwen25vl-tiny",
                Optional.empty(),
                Duration.ofSeconds(60)))) {
      ChatResponse remote = client.chat(req);
      ChatResponse local = model.chat(req);
      assertThat(remote.text()).isEqualTo(local.text());
      assertThat(remote.finishReason()).isEqualTo(local.finishReason());
      assertThat(remote.usage()).isEqualTo(local.usage());
    }
  }

  @Test
  void badRequestsGet400NamingTheField() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String[] c :
        new String[][] {
          {"{}", "messages"},
          {"{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}", "role"},
          {
            "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"http://x/y.png\"}}]}]}",
            "data URL"
          },
          {
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 0}",
            "max_tokens"
          },
          {
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": -1}",
            "temperature"
          },
        }) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(server.uri() + "/v1/chat/completions"))
                  .POST(HttpRequest.BodyPublishers.ofString(c[0]))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.body()).as(c[0]).contains(c[1]).contains("invalid_request_error");
    }
    HttpResponse<String> models =
        http.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/v1/models")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(models.body()).contains("qwen25vl-tiny");
  }
}
