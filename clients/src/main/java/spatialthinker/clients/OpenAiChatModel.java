package spatialthinker.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client for OpenAI-compatible {@code /v1/chat/completions} servers: OpenAI, vLLM, SGLang,
 * Ollama, LM Studio, and our own policy server. Images go as base64 {@code data:} URLs, any number
 * per message, in the order given. One instance is thread-safe and shares its connections.
 */
public final class OpenAiChatModel implements ChatModel {

  /**
   * Where and how to connect.
   *
   * @param baseUrl the server, e.g. {@code http://localhost:8000/v1}; {@code /chat/completions}
   *     (and {@code /v1} when the path has none) is added unless already there
   * @param model the model name
   * @param apiKey sent as {@code Authorization: Bearer}; empty for servers without keys
   * @param timeout how long one attempt may take
   */
  public record Config(URI baseUrl, String model, Optional<ApiKey> apiKey, Duration timeout) {
    public Config {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(timeout, "timeout");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
    }
  }

  private final Config config;
  private final HttpJson http;
  private final Map<String, String> headers;

  /** A client for one server and model; cheap to keep, share it across threads. */
  public OpenAiChatModel(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = new HttpJson(endpoint(config.baseUrl()), config.timeout());
    config.apiKey().ifPresent(k -> k.checkTransport(http.uri()));
    Map<String, String> h = new LinkedHashMap<>();
    config.apiKey().ifPresent(k -> h.put("Authorization", "Bearer " + k.secret()));
    this.headers = Map.copyOf(h);
  }

  /** The chat-completions URL for a base URL. */
  static URI endpoint(URI base) {
    String s = base.toString().replaceAll("/+$", "");
    if (s.endsWith("/chat/completions")) {
      return URI.create(s);
    }
    String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
    return URI.create(path.isEmpty() ? s + "/v1/chat/completions" : s + "/chat/completions");
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    ObjectNode body = HttpJson.JSON.createObjectNode();
    body.put("model", config.model());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : request.messages()) {
      ObjectNode msg = messages.addObject();
      msg.put("role", m.role().wireName());
      if (m.role() != Role.USER || m.images().isEmpty()) {
        msg.put("content", m.text());
        continue;
      }
      ArrayNode parts = msg.putArray("content");
      for (ContentPart p : m.content()) {
        switch (p) {
          case TextPart t -> parts.addObject().put("type", "text").put("text", t.text());
          case ImagePart img -> {
            ObjectNode part = parts.addObject().put("type", "image_url");
            part.putObject("image_url").put("url", img.dataUrl());
          }
        }
      }
    }
    body.put("max_tokens", request.maxTokens());
    request.temperature().ifPresent(t -> body.put("temperature", t));
    request.extraBody().forEach((k, v) -> body.set(k, HttpJson.JSON.valueToTree(v)));
    long start = System.nanoTime();
    JsonNode reply = http.post(body, headers);
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    return parse(reply, latency);
  }

  private ChatResponse parse(JsonNode reply, Duration latency) {
    JsonNode choices = reply.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      throw new RetriableModelException(http.uri() + " replied without choices");
    }
    JsonNode choice = choices.get(0);
    String text = contentText(choice.path("message").path("content"));
    if (text.isBlank()) {
      throw new RetriableModelException(http.uri() + " replied with empty content");
    }
    String finish = choice.path("finish_reason").asText("unknown");
    JsonNode u = reply.path("usage");
    Optional<Usage> usage =
        u.isObject()
            ? Optional.of(
                new Usage(
                    Math.max(0, u.path("prompt_tokens").asLong(0)),
                    Math.max(0, u.path("completion_tokens").asLong(0))))
            : Optional.empty();
    return new ChatResponse(text, finish.isEmpty() ? "unknown" : finish, usage, latency, 1);
  }

  /** Content as a string, or the text parts of a list of parts, joined. */
  private static String contentText(JsonNode content) {
    if (content.isTextual()) {
      return content.textValue();
    }
    if (content.isArray()) {
      StringBuilder b = new StringBuilder();
      for (JsonNode part : content) {
        String t = part.isTextual() ? part.textValue() : part.path("text").asText("");
        if (!t.isEmpty()) {
          if (!b.isEmpty()) {
            b.append('\n');
          }
          b.append(t);
        }
      }
      return b.toString();
    }
    return "";
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo("openai", config.model(), HttpJson.describe(http.uri()));
  }
}
