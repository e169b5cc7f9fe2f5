package spatialthinker.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spatialthinker.clients.ChatRequest;
import spatialthinker.clients.ChatResponse;
import spatialthinker.clients.ImagePart;
import spatialthinker.clients.ModelRequestException;
import spatialthinker.clients.TextPart;

class QwenChatModelTest {

  private static QwenChatModel model;

  @BeforeAll
  static void load() {
    model = QwenChatModel.load(Fixture.hf(), "qwen25vl-tiny", 0, 0);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void preparedImageHasTheSizeTheModelSees() throws Exception {
    ImagePart raw = ImagePart.of(Files.readAllBytes(Fixture.root().resolve("image2.png")));
    assertThat(raw.width()).isEqualTo(160);
    ImagePart prepared = model.prepareImage(raw);
    assertThat(prepared.width()).isEqualTo(140);
    assertThat(prepared.height()).isEqualTo(84);
    assertThat(model.prepareImage(prepared)).isSameAs(prepared);
    // The prepared image gives the model the same pixels as the original.
    var p = model.chat().imageProcessor();
    var a = p.process(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(raw.data())));
    var b =
        p.process(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(prepared.data())));
    assertThat(b.pixels()).containsExactly(a.pixels());
  }

  @Test
  void greedyRequestAnswersAsQwenChat() throws Exception {
    ImagePart img = ImagePart.of(Files.readAllBytes(Fixture.root().resolve("image1.png")));
    ChatRequest req =
        ChatRequest.of(
            List.of(img, new TextPart("Where is the red mug?")), 8, OptionalDouble.empty());
    ChatResponse r = model.chat(req);
    QwenChat.Result direct =
        model
            .chat()
            .generate(
                List.of(
                    new ChatMessage("user", List.of(ChatMessage.IMAGE, "Where is the red mug?"))),
                List.of(javax.imageio.ImageIO.read(Fixture.root().resolve("image1.png").toFile())),
                QwenChat.Options.greedy(8));
    assertThat(r.text()).isEqualTo(direct.text());
    assertThat(r.usage().orElseThrow().completionTokens()).isEqualTo(direct.tokens().length);
    assertThat(r.usage().orElseThrow().promptTokens()).isEqualTo(direct.promptTokens());
  }

  @Test
  void badSamplingFieldsAreRequestErrors() {
    ChatRequest req =
        new ChatRequest(
            List.of(spatialthinker.clients.ChatMessage.user(List.of(new TextPart("hi")))),
            4,
            OptionalDouble.of(1.0),
            Map.of("top_p", 0));
    assertThatThrownBy(() -> model.chat(req))
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("top_p");
  }
}
