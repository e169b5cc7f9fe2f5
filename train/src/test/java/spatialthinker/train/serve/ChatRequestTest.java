package spatialthinker.train.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every field of a chat request is either honoured or refused, naming the field. */
class ChatRequestTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMAGE =
      "data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});

  private static ObjectNode request() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\""
                + IMAGE
                + "\"}},{\"type\":\"text\",\"text\":\"Where?\"},{\"type\":\"text\",\"text\":\"Q2\"}]}]}");
  }

  private static JsonNode with(String field, String json) throws Exception {
    ObjectNode r = request();
    r.set(field, JSON.readTree(json));
    return r;
  }

  @Test
  void readsTheLastUserMessageAndTheHonouredFields() throws Exception {
    ObjectNode r = request();
    r.put("temperature", 0.7).put("max_tokens", 12).put("seed", -5).put("stream", true);
    r.set("stop", JSON.readTree("[\"</answer>\", \"###\"]"));
    r.set("stream_options", JSON.readTree("{\"include_usage\": true}"));
    r.put("user", "someone").put("top_p", 1).put("n", 1).put("presence_penalty", 0);

    ChatRequest c = ChatRequest.read(r, 64);

    assertThat(c.text()).isEqualTo("Where?\nQ2");
    assertThat(c.turns()).extracting(ChatRequest.Turn::role).containsExactly("system", "user");
    assertThat(c.turns().get(0).parts()).containsExactly(new ChatRequest.Text("be brief"));
    assertThat(c.turns().get(1).parts()).hasSize(3);
    assertThat(c.turns().get(1).parts().get(0)).isInstanceOf(ChatRequest.Image.class);
    assertThat(c.image()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
    assertThat(c.temperature()).isEqualTo(0.7);
    assertThat(c.maxTokens()).isEqualTo(12);
    assertThat(c.seed()).isEqualTo(-5);
    assertThat(c.model()).isEqualTo("m");
    assertThat(c.stop()).containsExactly("</answer>", "###");
    assertThat(c.stream()).isTrue();
    assertThat(c.streamUsage()).isTrue();
  }

  @Test
  void defaultsAreGreedyTheServersTokenLimitAndNoStream() throws Exception {
    ChatRequest c = ChatRequest.read(request(), 64);

    assertThat(c.temperature()).isZero();
    assertThat(c.maxTokens()).isEqualTo(64);
    assertThat(c.seed()).isZero();
    assertThat(c.stream()).isFalse();
    assertThat(c.stop()).isEmpty();
  }

  @Test
  void maxCompletionTokensIsTheNewNameOfMaxTokens() throws Exception {
    ObjectNode r = request();
    r.put("max_completion_tokens", 7);

    assertThat(ChatRequest.read(r, 64).maxTokens()).isEqualTo(7);
  }

  @Test
  void aTextOnlyRequestHasNoImage() throws Exception {
    JsonNode r = JSON.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(ChatRequest.read(r, 8).image()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "max_tokens|\"lots\"|max_tokens: expected an integer, got a string",
        "max_tokens|0|max_tokens: must be between 1",
        "max_tokens|2.5|max_tokens: expected an integer, got a fraction",
        "max_completion_tokens|-1|max_completion_tokens: must be between 1",
        "temperature|\"hot\"|temperature: expected a number, got a string",
        "temperature|-0.1|temperature: must be between 0 and 2",
        "temperature|3|temperature: must be between 0 and 2",
        "top_p|0|top_p: must be above 0",
        "top_p|1.5|top_p: must be between 0 and 1",
        "n|2|n: only 1 is supported",
        "presence_penalty|0.5|presence_penalty: only 0 is supported",
        "frequency_penalty|\"x\"|frequency_penalty: expected a number",
        "seed|\"7\"|seed: expected an integer, got a string",
        "seed|1e30|seed: expected an integer",
        "stream|\"yes\"|stream: expected true or false, got a string",
        "stream_options|{\"include_usage\": true}|stream_options: only allowed when stream is true",
        "stop|5|stop: expected a string or a list of strings",
        "stop|[\"a\",\"b\",\"c\",\"d\",\"e\"]|stop: at most 4 sequences",
        "stop|[\"\"]|stop: empty strings are not allowed",
        "logprobs|true|logprobs: not supported",
        "top_logprobs|2|top_logprobs: not supported",
        "tools|[]|tools: not supported",
        "logit_bias|{}|logit_bias: not supported",
        "response_format|{\"type\": \"json_object\"}|response_format.type: only 'text' is supported",
        "model|5|model: expected a string",
      })
  void refusesWhatItCannotHonourNamingTheField(String field, String value, String message)
      throws Exception {
    JsonNode r = with(field, value);

    assertThatThrownBy(() -> ChatRequest.read(r, 64))
        .isInstanceOf(BadChatRequestException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|messages: expected a non-empty list",
        "5|messages: expected a non-empty list",
        "[5]|messages[0]: expected an object",
        "[{\"content\":\"x\"}]|messages[0].role: missing or not a string",
        "[{\"role\":\"robot\",\"content\":\"x\"}]|messages[0].role: 'robot' is not one of",
        "[{\"role\":\"user\"}]|messages[0].content: missing",
        "[{\"role\":\"user\",\"content\":5}]|messages[0].content: neither a string nor a list",
        "[{\"role\":\"system\",\"content\":\"x\"}]|messages: no message with role 'user'",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}]|messages[0].content[0].type: 'audio' is not supported",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":5}]}]|messages[0].content[0].text: missing or not a string",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://x/a.png\"}}]}]|messages[0].content[0].image_url.url: only base64 data URLs",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,@@@\"}}]}]|messages[0].content[0].image_url.url: invalid base64",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:text/plain;base64,AAAA\"}}]}]|messages[0].content[0].image_url.url: media type 'text/plain' is not an image",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]|messages[0].content[0].image_url.url: missing",
      })
  void refusesMalformedMessagesNamingWhere(String messages, String message) throws Exception {
    JsonNode r = with("messages", messages);

    assertThatThrownBy(() -> ChatRequest.read(r, 64))
        .isInstanceOf(BadChatRequestException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void refusesTwoImagesInOneRequest() throws Exception {
    String part = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + IMAGE + "\"}}";
    JsonNode r = with("messages", "[{\"role\":\"user\",\"content\":[" + part + "," + part + "]}]");

    assertThatThrownBy(() -> ChatRequest.read(r, 64))
        .hasMessageStartingWith("messages[0].content[1]: more than one image");
  }

  @Test
  void aBodyThatIsNotAnObjectIsRefused() throws Exception {
    assertThatThrownBy(() -> ChatRequest.read(JSON.readTree("[1]"), 8))
        .hasMessage("body: not a JSON object");
  }
}
