package spatialthinker.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QwenChatTest {

  private static QwenChat chat;
  private static List<BufferedImage> images;

  @BeforeAll
  static void load() throws Exception {
    chat = QwenChat.load(Fixture.hf(), 0, 0);
    images =
        List.of(
            ImageIO.read(Fixture.root().resolve("image1.png").toFile()),
            ImageIO.read(Fixture.root().resolve("image2.png").toFile()));
  }

  @AfterAll
  static void close() {
    chat.close();
  }

  private static JsonNode fixture(String name) {
    return Fixture.json().path("chats").path(name);
  }

  @Test
  void stopTokensComeFromGenerationConfig() {
    assertThat(chat.stopTokens()).containsExactlyInAnyOrder(420, 422);
  }

  @Test
  void greedyImageChatEqualsTransformers() {
    JsonNode f = fixture("image");
    QwenChat.Result r =
        chat.generate(QwenTokenizerTest.messages(f), images, QwenChat.Options.greedy(24));
    assertThat(r.promptTokens()).isEqualTo(f.get("input_ids").size());
    assertThat(r.tokens()).containsExactly(Fixture.ints(f.get("greedy_tokens")));
    assertThat(r.finishReason()).isEqualTo("length");
    assertThat(r.imageSizes()).containsExactly(new int[] {84, 56}, new int[] {140, 84});
  }

  @Test
  void greedyTextChatEqualsTransformers() {
    JsonNode f = fixture("text");
    QwenChat.Result r =
        chat.generate(QwenTokenizerTest.messages(f), List.of(), QwenChat.Options.greedy(24));
    assertThat(r.tokens()).containsExactly(Fixture.ints(f.get("greedy_tokens")));
    assertThat(r.text()).isEqualTo(chat.tokenizer().decode(r.tokens(), true));
  }

  @Test
  void stopTokenEndsGenerationAndIsNotShown() {
    JsonNode f = fixture("text");
    int[] greedy = Fixture.ints(f.get("greedy_tokens"));
    QwenChat.Result r =
        chat.generate(
            QwenTokenizerTest.messages(f),
            List.of(),
            QwenChat.Options.greedy(24).withStops(Set.of(greedy[5])));
    assertThat(r.tokens()).containsExactly(java.util.Arrays.copyOf(greedy, 6));
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.text())
        .isEqualTo(chat.tokenizer().decode(java.util.Arrays.copyOf(greedy, 5), true));
  }

  @Test
  void maxTokensLimitsTheAnswer() {
    QwenChat.Result r = chat.generate("How many spheres?", null, QwenChat.Options.greedy(3));
    assertThat(r.tokens()).hasSize(3);
    assertThat(r.finishReason()).isEqualTo("length");
  }

  @Test
  void samplingIsSeededAndNarrowsToGreedy() {
    JsonNode f = fixture("text");
    var msgs = QwenTokenizerTest.messages(f);
    int[] a = chat.generate(msgs, List.of(), QwenChat.Options.sampled(12, 1.5, 0.95, 7)).tokens();
    int[] b = chat.generate(msgs, List.of(), QwenChat.Options.sampled(12, 1.5, 0.95, 7)).tokens();
    int[] c = chat.generate(msgs, List.of(), QwenChat.Options.sampled(12, 1.5, 0.95, 8)).tokens();
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
    int[] greedy = java.util.Arrays.copyOf(Fixture.ints(f.get("greedy_tokens")), 12);
    assertThat(chat.generate(msgs, List.of(), QwenChat.Options.sampled(12, 1.0, 1e-9, 3)).tokens())
        .containsExactly(greedy);
    assertThat(chat.generate(msgs, List.of(), QwenChat.Options.sampled(12, 1e-4, 1.0, 3)).tokens())
        .containsExactly(greedy);
  }

  @Test
  void topPKeepsTheNucleus() {
    float[] logits = {0f, (float) Math.log(3), (float) Math.log(6)}; // p = 0.1, 0.3, 0.6
    var o = QwenChat.Options.sampled(1, 1.0, 0.85, 0);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    int[] counts = new int[3];
    for (int i = 0; i < 3000; i++) {
      counts[QwenChat.choose(logits, 3, o, rnd)]++;
    }
    assertThat(counts[0]).isZero();
    assertThat(counts[2]).isBetween(1800, 2200); // 0.6 / 0.9 of 3000 = 2000
  }

  @Test
  void imageCountMustMatchTheParts() {
    assertThatThrownBy(
            () ->
                chat.generate(
                    List.of(ChatMessage.text("user", "no image here")),
                    images,
                    QwenChat.Options.greedy(1)))
        .hasMessageContaining("0 image part(s) but 2 image(s)");
    assertThatThrownBy(() -> QwenChat.Options.greedy(0)).hasMessageContaining("max tokens");
    assertThatThrownBy(() -> QwenChat.Options.sampled(4, 1, 0, 1)).hasMessageContaining("top_p");
  }
}
