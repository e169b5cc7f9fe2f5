package spatialthinker.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QwenTokenizerTest {

  private static QwenTokenizer tok;

  @BeforeAll
  static void open() {
    tok = QwenTokenizer.open(Fixture.hf());
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  /** The fixture's messages in our form (content strings or typed parts). */
  static List<ChatMessage> messages(JsonNode chat) {
    List<ChatMessage> out = new ArrayList<>();
    for (JsonNode m : chat.get("messages")) {
      JsonNode c = m.get("content");
      if (c.isTextual()) {
        out.add(ChatMessage.text(m.get("role").asText(), c.asText()));
      } else {
        List<String> parts = new ArrayList<>();
        for (JsonNode p : c) {
          parts.add(
              p.get("type").asText().equals("image") ? ChatMessage.IMAGE : p.get("text").asText());
        }
        out.add(new ChatMessage(m.get("role").asText(), parts));
      }
    }
    return out;
  }

  @Test
  void chatTemplateAndIdsEqualTheFixture() {
    JsonNode chats = Fixture.json().path("chats");
    for (String name : List.of("image", "text")) {
      JsonNode chat = chats.get(name);
      String prompt = QwenTokenizer.render(messages(chat), true);
      assertThat(prompt).isEqualTo(chat.get("prompt").asText());
      int[] imageTokens = name.equals("image") ? new int[] {6, 15} : new int[0];
      assertThat(tok.encode(prompt, imageTokens))
          .containsExactly(Fixture.ints(chat.get("input_ids")));
    }
  }

  @Test
  void decodesTheGreedyText() {
    JsonNode chat = Fixture.json().path("chats").path("text");
    assertThat(tok.decode(Fixture.ints(chat.get("greedy_tokens")), false))
        .isEqualTo(chat.get("greedy_text").asText());
  }

  @Test
  void longTextIsNotTruncated() {
    String text = "left right above below ".repeat(400);
    int[] ids = tok.encode(text, new int[0]);
    assertThat(ids.length).isGreaterThan(1000);
    assertThat(tok.decode(ids, true)).isEqualTo(text);
  }

  @Test
  void placeholderCountMustMatch() {
    String prompt =
        QwenTokenizer.render(List.of(new ChatMessage("user", List.of(ChatMessage.IMAGE))), true);
    assertThatThrownBy(() -> tok.encode(prompt, new int[0]))
        .hasMessageContaining("1 image placeholders");
  }
}
