package spatialthinker.train.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Optional;

/**
 * What the policy needs from an OpenAI chat-completions request: the text and the image of the last
 * user message (an {@code image_url} part with a base64 data URL), the sampling temperature
 * (default 0: greedy), {@code max_tokens} and {@code seed}.
 */
record ChatRequest(
    String text, byte[] image, double temperature, int maxTokens, long seed, String model) {

  static ChatRequest read(JsonNode body, int defaultMaxTokens) {
    if (body == null || !body.isObject()) {
      throw new BadChatRequestException("body: not a JSON object");
    }
    JsonNode messages = body.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw new BadChatRequestException("messages: missing or empty");
    }
    JsonNode user = null;
    for (JsonNode m : messages) {
      if ("user".equals(m.path("role").asText())) {
        user = m;
      }
    }
    if (user == null) {
      throw new BadChatRequestException("messages: no message with role 'user'");
    }
    StringBuilder text = new StringBuilder();
    Optional<byte[]> image = Optional.empty();
    JsonNode content = user.path("content");
    if (content.isTextual()) {
      text.append(content.asText());
    } else if (content.isArray()) {
      for (JsonNode part : content) {
        String type = part.path("type").asText();
        if (type.equals("text")) {
          text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
        } else if (type.equals("image_url")) {
          JsonNode url = part.path("image_url");
          image = Optional.of(dataUrl(url.isTextual() ? url.asText() : url.path("url").asText()));
        }
      }
    } else {
      throw new BadChatRequestException("messages[].content: neither a string nor a list of parts");
    }
    if (image.isEmpty()) {
      throw new BadChatRequestException(
          "messages[].content: no image_url part; the policy needs an image (data URL)");
    }
    double temperature = body.path("temperature").asDouble(0);
    if (temperature < 0) {
      throw new BadChatRequestException("temperature: must be >= 0");
    }
    int max =
        body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(defaultMaxTokens));
    if (max < 1) {
      throw new BadChatRequestException("max_tokens: must be >= 1");
    }
    return new ChatRequest(
        text.toString(),
        image.get(),
        temperature,
        max,
        body.path("seed").asLong(0),
        body.path("model").asText(""));
  }

  private static byte[] dataUrl(String url) {
    int comma = url.indexOf(',');
    if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
      throw new BadChatRequestException(
          "image_url.url: only base64 data URLs (data:image/png;base64,...) are accepted");
    }
    try {
      return Base64.getDecoder().decode(url.substring(comma + 1).strip());
    } catch (IllegalArgumentException e) {
      throw new BadChatRequestException("image_url.url: invalid base64");
    }
  }
}
