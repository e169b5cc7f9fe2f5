package spatialthinker.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import spatialthinker.clients.ChatMessage;
import spatialthinker.clients.ChatModel;
import spatialthinker.clients.ChatRequest;
import spatialthinker.clients.ChatResponse;
import spatialthinker.clients.ContentPart;
import spatialthinker.clients.ImagePart;
import spatialthinker.clients.ModelRequestException;
import spatialthinker.clients.Role;
import spatialthinker.clients.TextPart;

/**
 * An in-process {@link ChatModel} (a Qwen2.5-VL checkpoint) behind the OpenAI-compatible API the
 * policy server speaks: {@code POST /v1/chat/completions} (the whole conversation; text parts and
 * {@code image_url} parts with base64 data URLs; {@code max_tokens}, {@code temperature} (default
 * 0, greedy), {@code top_p}, {@code seed}) and {@code GET /v1/models}. A bad request gets 400 with
 * an OpenAI-style error naming the field.
 */
public final class ChatModelServer implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ChatModel model;
  private final String modelId;
  private final String host;
  private final int maxTokens;
  private final Javalin app;
  private final long created = System.currentTimeMillis() / 1000;

  private ChatModelServer(ChatModel model, String modelId, String host, int maxTokens) {
    this.model = model;
    this.modelId = modelId;
    this.host = host;
    this.maxTokens = maxTokens;
    this.app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.http.maxRequestSize = 32L << 20;
            });
    app.post("/v1/chat/completions", this::chat);
    app.get("/v1/models", this::models);
    app.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(ModelRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.error(404, ctx -> error(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path()));
  }

  /** Serves {@code model} as {@code modelId} on {@code host:port} (0: a free port). */
  public static ChatModelServer start(
      ChatModel model, String modelId, String host, int port, int maxTokens) {
    ChatModelServer s = new ChatModelServer(model, modelId, host, maxTokens);
    s.app.start(host, port);
    return s;
  }

  public URI uri() {
    return URI.create("http://" + host + ":" + app.port());
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  static ChatRequest read(JsonNode body, int maxTokens) {
    if (body == null || !body.isObject()) {
      throw new BadRequest("body: not a JSON object");
    }
    JsonNode messages = body.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw new BadRequest("messages: missing or empty");
    }
    List<ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      Role role =
          switch (m.path("role").asText()) {
            case "system" -> Role.SYSTEM;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default ->
                throw new BadRequest(
                    "messages["
                        + i
                        + "].role: '"
                        + m.path("role").asText()
                        + "' is not system, user or assistant");
          };
      List<ContentPart> parts = new ArrayList<>();
      JsonNode content = m.path("content");
      if (content.isTextual()) {
        parts.add(new TextPart(content.asText()));
      } else if (content.isArray()) {
        for (JsonNode part : content) {
          String type = part.path("type").asText();
          if (type.equals("text")) {
            parts.add(new TextPart(part.path("text").asText()));
          } else if (type.equals("image_url")) {
            JsonNode url = part.path("image_url");
            parts.add(
                ImagePart.of(
                    dataUrl(url.isTextual() ? url.asText() : url.path("url").asText(), i)));
          } else {
            throw new BadRequest(
                "messages[" + i + "].content: part type '" + type + "' is not text or image_url");
          }
        }
      } else {
        throw new BadRequest("messages[" + i + "].content: neither a string nor a list of parts");
      }
      out.add(new ChatMessage(role, parts));
    }
    JsonNode t = body.get("temperature");
    if (t != null && !t.isNull() && (!t.isNumber() || t.asDouble() < 0)) {
      throw new BadRequest("temperature: must be a number >= 0");
    }
    int max = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(maxTokens));
    if (max < 1) {
      throw new BadRequest("max_tokens: must be >= 1");
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    for (String f : List.of("top_p", "seed")) {
      JsonNode v = body.get(f);
      if (v != null && !v.isNull()) {
        if (!v.isNumber()) {
          throw new BadRequest(f + ": must be a number");
        }
        extra.put(f, v.numberValue());
      }
    }
    return new ChatRequest(
        out,
        Math.min(max, maxTokens),
        t == null || t.isNull() ? OptionalDouble.of(0) : OptionalDouble.of(t.asDouble()),
        extra);
  }

  private static byte[] dataUrl(String url, int message) {
    int comma = url.indexOf(',');
    if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
      throw new BadRequest(
          "messages["
              + message
              + "] image_url.url: only base64 data URLs (data:image/png;base64,...) are accepted");
    }
    try {
      return Base64.getDecoder().decode(url.substring(comma + 1).strip());
    } catch (IllegalArgumentException e) {
      throw new BadRequest("messages[" + message + "] image_url.url: invalid base64");
    }
  }

  private void chat(Context ctx) throws Exception {
    ChatRequest req = read(MAPPER.readTree(ctx.bodyAsBytes()), maxTokens);
    ChatResponse r = model.chat(req);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", r.text());
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", r.finishReason());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", "chatcmpl-" + UUID.randomUUID());
    out.put("object", "chat.completion");
    out.put("created", System.currentTimeMillis() / 1000);
    out.put("model", modelId);
    out.put("choices", List.of(choice));
    r.usage()
        .ifPresent(
            u -> {
              Map<String, Object> usage = new LinkedHashMap<>();
              usage.put("prompt_tokens", u.promptTokens());
              usage.put("completion_tokens", u.completionTokens());
              usage.put("total_tokens", u.promptTokens() + u.completionTokens());
              out.put("usage", usage);
            });
    ctx.status(200).contentType("application/json").result(MAPPER.writeValueAsBytes(out));
  }

  private void models(Context ctx) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", modelId);
    m.put("object", "model");
    m.put("created", created);
    m.put("owned_by", "spatialthinker");
    ctx.status(200)
        .contentType("application/json")
        .result(MAPPER.writeValueAsBytes(Map.of("object", "list", "data", List.of(m))));
  }

  private static void error(Context ctx, int status, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("message", message);
    err.put("type", status == 404 ? "not_found" : "invalid_request_error");
    ctx.status(status)
        .contentType("application/json")
        .result(MAPPER.valueToTree(Map.of("error", err)).toString());
  }

  @Override
  public void close() {
    app.stop();
  }
}
