package spatialthinker.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client for Anthropic's Messages API ({@code POST /v1/messages}, headers {@code x-api-key} and
 * {@code anthropic-version}). Images go as base64 source blocks, first fitted to {@link
 * ImageLimits} (scaled and re-encoded) so that none is rejected and none is scaled again by the
 * API. System messages become the top-level {@code system} field. Thread-safe.
 */
public final class AnthropicChatModel implements ChatModel {

  /** The API version header this client speaks. */
  public static final String API_VERSION = "2023-06-01";

  /**
   * Where and how to connect.
   *
   * @param baseUrl e.g. {@code https://api.anthropic.com}; {@code /v1/messages} is added unless the
   *     path already ends with it
   * @param model the model name
   * @param apiKey sent as {@code x-api-key}
   * @param timeout how long one attempt may take
   * @param imageLimits the limits images are fitted to
   */
  public record Config(
      URI baseUrl, String model, ApiKey apiKey, Duration timeout, ImageLimits imageLimits) {
    public Config {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(imageLimits, "imageLimits");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
    }
  }

  private final Config config;
  private final HttpJson http;
  private final Map<String, String> headers;

  /** A client for one model; share it across threads. */
  public AnthropicChatModel(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = new HttpJson(endpoint(config.baseUrl()), config.timeout());
    config.apiKey().checkTransport(http.uri());
    this.headers = Map.of("x-api-key", config.apiKey().secret(), "anthropic-version", API_VERSION);
  }

  static URI endpoint(URI base) {
    String s = base.toString().replaceAll("/+$", "");
    if (s.endsWith("/messages")) {
      return URI.create(s);
    }
    return URI.create(s.endsWith("/v1") ? s + "/messages" : s + "/v1/messages");
  }

  @Override
  public ImagePart prepareImage(ImagePart image) {
    return ImageFitter.fit(image, config.imageLimits());
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    ObjectNode body = HttpJson.JSON.createObjectNode();
    body.put("model", config.model());
    body.put("max_tokens", request.maxTokens());
    StringBuilder system = new StringBuilder();
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : request.messages()) {
      if (m.role() == Role.SYSTEM) {
        system.append(system.isEmpty() ? "" : "\n").append(m.text());
        continue;
      }
      ObjectNode msg = messages.addObject();
      msg.put("role", m.role().wireName());
      ArrayNode parts = msg.putArray("content");
      for (ContentPart p : m.content()) {
        switch (p) {
          case TextPart t -> parts.addObject().put("type", "text").put("text", t.text());
          case ImagePart img -> {
            ImagePart fitted = prepareImage(img);
            ObjectNode src = parts.addObject().put("type", "image").putObject("source");
            src.put("type", "base64")
                .put("media_type", fitted.mediaType())
                .put("data", fitted.base64());
          }
        }
      }
    }
    if (!system.isEmpty()) {
      body.put("system", system.toString());
    }
    request.temperature().ifPresent(t -> body.put("temperature", Math.min(1.0, t)));
    request.extraBody().forEach((k, v) -> body.set(k, HttpJson.JSON.valueToTree(v)));
    long start = System.nanoTime();
    JsonNode reply = http.post(body, headers);
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    StringBuilder text = new StringBuilder();
    for (JsonNode block : reply.path("content")) {
      if ("text".equals(block.path("type").asText())) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(block.path("text").asText(""));
      }
    }
    if (text.toString().isBlank()) {
      throw new RetriableModelException(http.uri() + " replied with no text content");
    }
    JsonNode u = reply.path("usage");
    Optional<Usage> usage =
        u.isObject()
            ? Optional.of(
                new Usage(
                    Math.max(0, u.path("input_tokens").asLong(0)),
                    Math.max(0, u.path("output_tokens").asLong(0))))
            : Optional.empty();
    return new ChatResponse(
        text.toString(), reply.path("stop_reason").asText("unknown"), usage, latency, 1);
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo("anthropic", config.model(), HttpJson.describe(http.uri()));
  }
}
