package spatialthinker.train.serve;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import spatialthinker.train.model.GradMode;
import spatialthinker.train.model.Policy;
import spatialthinker.train.model.Sampling;

/**
 * The policy behind an OpenAI-compatible API: {@code POST /v1/chat/completions} (the last user
 * message's text and {@code image_url} data URL in, a SpatialThinker-format response out, with
 * {@code usage}) and {@code GET /v1/models}. Requests are answered one at a time: the model is
 * small and a CPU has no spare cores for parallel decoding.
 */
public final class PolicyServer implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Policy policy;
  private final String modelId;
  private final String host;
  private final int maxTokens;
  private final Javalin app;
  private final long created = System.currentTimeMillis() / 1000;

  private PolicyServer(Policy policy, String modelId, String host, int maxTokens) {
    this.policy = policy;
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
    app.exception(BadChatRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.error(404, ctx -> error(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path()));
  }

  /**
   * Serves {@code policy} as model {@code modelId} on {@code host:port} (port 0 picks a free one).
   *
   * @param maxTokens the default and largest number of new tokens per answer
   */
  public static PolicyServer start(
      Policy policy, String modelId, String host, int port, int maxTokens) {
    PolicyServer s = new PolicyServer(policy, modelId, host, maxTokens);
    s.app.start(host, port);
    return s;
  }

  /** The base address, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return URI.create("http://" + host + ":" + app.port());
  }

  private void chat(Context ctx) throws Exception {
    ChatRequest req = ChatRequest.read(MAPPER.readTree(ctx.bodyAsBytes()), maxTokens);
    Map<String, Object> answer = answer(req);
    ctx.status(200).contentType("application/json").result(MAPPER.writeValueAsBytes(answer));
  }

  private synchronized Map<String, Object> answer(ChatRequest req) {
    GradMode.off();
    float[] patches = policy.patches(req.image());
    int[] prompt = policy.promptTokens(req.text());
    Sampling s = new Sampling(req.temperature(), Math.min(req.maxTokens(), maxTokens));
    int[] gen;
    try (NDManager m = policy.parameters().manager().newSubManager()) {
      gen =
          policy
              .decoder()
              .generate(m, List.of(patches), List.of(prompt), s, new SplittableRandom(req.seed()))
              .get(0);
    }
    boolean stopped = gen.length > 0 && gen[gen.length - 1] == policy.tokenizer().eosId();
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", policy.text(gen));
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", stopped ? "stop" : "length");
    int promptTokens = prompt.length + policy.config().patches();
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", gen.length);
    usage.put("total_tokens", promptTokens + gen.length);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", "chatcmpl-" + UUID.randomUUID());
    out.put("object", "chat.completion");
    out.put("created", System.currentTimeMillis() / 1000);
    out.put("model", modelId);
    out.put("choices", List.of(choice));
    out.put("usage", usage);
    return out;
  }

  private void models(Context ctx) throws Exception {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", modelId);
    model.put("object", "model");
    model.put("created", created);
    model.put("owned_by", "spatialthinker");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", "list");
    out.put("data", List.of(model));
    ctx.status(200).contentType("application/json").result(MAPPER.writeValueAsBytes(out));
  }

  private static void error(Context ctx, int status, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("message", message);
    err.put("type", status == 404 ? "not_found" : "invalid_request_error");
    JsonNode body = MAPPER.valueToTree(Map.of("error", err));
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  @Override
  public void close() {
    app.stop();
  }
}
