package spatialthinker.train.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spatialthinker.reward.StrictJson;
import spatialthinker.reward.service.AsyncBody;
import spatialthinker.reward.service.ClientFaultException;
import spatialthinker.reward.service.ClientGone;
import spatialthinker.reward.service.HttpLimits;
import spatialthinker.reward.service.Rejections;
import spatialthinker.train.model.Policy;

/**
 * A model behind an OpenAI-compatible API.
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: a request checked by {@link ChatRequest} (every field
 *       the server cannot honour is a 400 naming it), answered as a {@code chat.completion} with
 *       {@code usage}, or with {@code "stream": true} as server-sent {@code chat.completion.chunk}
 *       events ending in {@code data: [DONE]}.
 *   <li>{@code GET /v1/models}: the one model served.
 *   <li>{@code GET /health}: {@code {"status": "ok", "model", "rejected": {status: count},
 *       "last_rejected"}}.
 * </ul>
 *
 * Errors are OpenAI-shaped, {@code {"error": {"message", "type", "param", "code"}}}: 400 for a
 * request that cannot be read or honoured, 404 for an unknown path or model, 405 for a known path
 * with the wrong method, 408 for a body that does not arrive within {@link #READ_TIMEOUT}, 413 over
 * {@link #MAX_BODY_BYTES}, 414 and 431 for an oversized request line or headers, 503 when {@link
 * #MAX_QUEUED} requests already wait or a request waited {@link #QUEUE_WAIT}. Each rejected request
 * logs one line (rate-limited), without a stack trace. Bodies are read without holding a thread;
 * answers are generated one at a time (a CPU has no spare cores for parallel decoding), and a
 * request whose client went away while it waited is dropped before generation.
 */
public final class PolicyServer implements AutoCloseable {

  /** The largest request body (an image as a data URL with its prompt). */
  public static final long MAX_BODY_BYTES = 32L << 20;

  /** The whole body must arrive within this time. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  /** How long a request may wait for the generator; then 503. */
  public static final Duration QUEUE_WAIT = Duration.ofSeconds(20);

  /** Requests waiting for the generator at most; beyond, 503. */
  public static final int MAX_QUEUED = 64;

  /** Open connections at most. */
  public static final int MAX_CONNECTIONS = 512;

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(PolicyServer.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Generator generator;
  private final String modelId;
  private final String host;
  private final int maxTokens;
  private final Rejections rejections = new Rejections(LOG);
  private final StrictJson json = new StrictJson(MAX_BODY_BYTES);
  private final ThreadPoolExecutor worker;
  private final ScheduledExecutorService timer;
  private final Javalin app;
  private final long created = System.currentTimeMillis() / 1000;

  private final Duration readTimeout;
  private final Duration queueWait;

  private PolicyServer(
      Generator generator,
      String modelId,
      String host,
      int port,
      int maxTokens,
      Duration readTimeout,
      Duration queueWait) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max tokens must be >= 1, got " + maxTokens);
    }
    this.generator = generator;
    this.modelId = modelId;
    this.host = host;
    this.maxTokens = maxTokens;
    this.readTimeout = readTimeout;
    this.queueWait = queueWait;
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED),
            r -> daemon(r, "policy-generate"));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "policy-deadlines"));
    this.app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.http.maxRequestSize = MAX_BODY_BYTES;
              cfg.http.prefer405over404 = true;
              cfg.http.disableCompression();
              HttpLimits.apply(
                  cfg,
                  host,
                  port,
                  MAX_CONNECTIONS,
                  IDLE_TIMEOUT,
                  rejections,
                  PolicyServer::errorBody);
            });
    app.post("/v1/chat/completions", this::chat);
    app.get("/v1/models", this::models);
    app.get("/health", this::health);
    app.exception(BadChatRequestException.class, (e, ctx) -> reject(ctx, 400, e.getMessage()));
    app.exception(ClientFaultException.class, (e, ctx) -> reject(ctx, e.status(), e.getMessage()));
    app.exception(Exception.class, this::unexpected);
    app.error(404, ctx -> notFound(ctx, 404));
    app.error(405, ctx -> notFound(ctx, 405));
  }

  /**
   * Serves {@code policy} as model {@code modelId} on {@code host:port} (port 0 picks a free one).
   *
   * @param maxTokens the default and largest number of new tokens per answer
   * @throws IllegalStateException when the server cannot listen there, saying why
   */
  public static PolicyServer start(
      Policy policy, String modelId, String host, int port, int maxTokens) {
    return start(new PolicyGenerator(policy), modelId, host, port, maxTokens);
  }

  /** Serves any generator, as {@link #start(Policy, String, String, int, int)}. */
  public static PolicyServer start(
      Generator generator, String modelId, String host, int port, int maxTokens) {
    return start(generator, modelId, host, port, maxTokens, READ_TIMEOUT, QUEUE_WAIT);
  }

  static PolicyServer start(
      Generator generator,
      String modelId,
      String host,
      int port,
      int maxTokens,
      Duration readTimeout,
      Duration queueWait) {
    PolicyServer s =
        new PolicyServer(generator, modelId, host, port, maxTokens, readTimeout, queueWait);
    try {
      s.app.start();
    } catch (RuntimeException e) {
      s.worker.shutdownNow();
      s.timer.shutdownNow();
      throw HttpLimits.bindFailure(host, port, e);
    }
    return s;
  }

  /** The base address, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + app.port());
  }

  /** The port the server listens on (the free one chosen when started with port 0). */
  public int port() {
    return app.port();
  }

  /** Rejected requests so far by status. */
  public Map<Integer, Long> rejected() {
    return rejections.counts();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void chat(Context ctx) {
    ctx.future(
        () -> {
          AtomicBoolean gone = new AtomicBoolean();
          ctx.req().getAsyncContext().addListener(new ClientGone(gone));
          return AsyncBody.read(ctx.req(), MAX_BODY_BYTES, readTimeout, timer)
              .thenCompose(body -> queued(() -> answer(ctx, body, gone)));
        });
  }

  /**
   * Runs {@code work} on the generator's thread; a request still waiting after {@link #queueWait}
   * is answered 503 instead (before the connection's idle timeout could drop it).
   */
  private CompletableFuture<Void> queued(Runnable work) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicBoolean claimed = new AtomicBoolean();
    Future<?> task;
    try {
      task =
          worker.submit(
              () -> {
                if (!claimed.compareAndSet(false, true)) {
                  return;
                }
                try {
                  work.run();
                  done.complete(null);
                } catch (Throwable t) {
                  done.completeExceptionally(t);
                }
              });
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(e);
      return done;
    }
    timer.schedule(
        () -> {
          if (claimed.compareAndSet(false, true)) {
            task.cancel(false);
            done.completeExceptionally(
                new ClientFaultException(
                    503,
                    "server: busy, the request waited "
                        + queueWait.toSeconds()
                        + " s for the model; retry later"));
          }
        },
        queueWait.toMillis(),
        TimeUnit.MILLISECONDS);
    return done;
  }

  private void answer(Context ctx, byte[] body, AtomicBoolean gone) {
    JsonNode tree;
    try {
      tree = json.read(body);
    } catch (StrictJson.InvalidJsonException e) {
      throw new BadChatRequestException("body: " + e.getMessage());
    }
    ChatRequest req = ChatRequest.read(tree, maxTokens);
    if (!req.model().isEmpty() && !req.model().equals(modelId)) {
      throw new ClientFaultException(
          404,
          "model: '"
              + clip(req.model())
              + "' is not served here; this server serves '"
              + modelId
              + "' (GET /v1/models)");
    }
    if (gone.get()) {
      throw new ClientFaultException(499, "client: went away before its answer was generated");
    }
    Generator.Generation g = generator.generate(req, Math.min(req.maxTokens(), maxTokens));
    String text = g.text();
    boolean stopped = g.stopped();
    int cut = firstStop(text, req.stop());
    if (cut >= 0) {
      text = text.substring(0, cut);
      stopped = true;
    }
    String finish = stopped ? "stop" : "length";
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", g.promptTokens());
    usage.put("completion_tokens", g.completionTokens());
    usage.put("total_tokens", g.promptTokens() + g.completionTokens());
    String id = "chatcmpl-" + UUID.randomUUID();
    long now = System.currentTimeMillis() / 1000;
    if (req.stream()) {
      ctx.status(200)
          .contentType("text/event-stream")
          .header("Cache-Control", "no-cache")
          .result(events(id, now, text, finish, req.streamUsage() ? usage : null));
      return;
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", text);
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", finish);
    Map<String, Object> out = head(id, "chat.completion", now);
    out.put("choices", List.of(choice));
    out.put("usage", usage);
    json(ctx, 200, out);
  }

  /** The index of the earliest stop sequence in {@code text}, or -1. */
  static int firstStop(String text, List<String> stop) {
    int best = -1;
    for (String s : stop) {
      int i = text.indexOf(s);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }

  /** A streamed answer: the role, the content, the finish reason, the usage if asked, [DONE]. */
  private byte[] events(
      String id, long now, String text, String finish, Map<String, Object> usage) {
    List<Map<String, Object>> chunks = new ArrayList<>();
    Map<String, Object> role = new LinkedHashMap<>();
    role.put("role", "assistant");
    role.put("content", "");
    chunks.add(chunk(id, now, role, null, usage != null));
    if (!text.isEmpty()) {
      chunks.add(chunk(id, now, Map.of("content", text), null, usage != null));
    }
    chunks.add(chunk(id, now, Map.of(), finish, usage != null));
    if (usage != null) {
      Map<String, Object> last = head(id, "chat.completion.chunk", now);
      last.put("choices", List.of());
      last.put("usage", usage);
      chunks.add(last);
    }
    StringBuilder b = new StringBuilder();
    try {
      for (Map<String, Object> c : chunks) {
        b.append("data: ").append(MAPPER.writeValueAsString(c)).append("\n\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    b.append("data: [DONE]\n\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, Object> chunk(
      String id, long now, Map<String, Object> delta, String finish, boolean withUsage) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finish);
    Map<String, Object> out = head(id, "chat.completion.chunk", now);
    out.put("choices", List.of(choice));
    if (withUsage) {
      out.put("usage", null);
    }
    return out;
  }

  private Map<String, Object> head(String id, String object, long now) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("object", object);
    out.put("created", now);
    out.put("model", modelId);
    return out;
  }

  private void models(Context ctx) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", modelId);
    model.put("object", "model");
    model.put("created", created);
    model.put("owned_by", "spatialthinker");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", "list");
    out.put("data", List.of(model));
    json(ctx, 200, out);
  }

  private void health(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put("model", modelId);
    Map<String, Long> rejected = new LinkedHashMap<>();
    rejections.counts().forEach((status, n) -> rejected.put(Integer.toString(status), n));
    out.put("rejected", rejected);
    out.put("last_rejected", rejections.last());
    out.put("queued", worker.getQueue().size());
    json(ctx, 200, out);
  }

  private void unexpected(Exception e, Context ctx) {
    if (e instanceof HttpResponseException h) {
      reject(ctx, h.getStatus(), oneLine(h.getMessage()));
      return;
    }
    if (e instanceof RejectedExecutionException) {
      reject(ctx, 503, "server: busy, " + MAX_QUEUED + " requests already queued; retry later");
      return;
    }
    LOG.warn("{} {} failed", ctx.req().getMethod(), ctx.path(), e);
    write(
        ctx,
        500,
        errorBody(
            500,
            "internal error: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())));
  }

  private void notFound(Context ctx, int status) {
    String method = ctx.req().getMethod();
    if (ctx.method() == HandlerType.INVALID) {
      reject(ctx, 405, "method " + oneLine(method) + " is not supported");
    } else if (status == 405) {
      reject(ctx, 405, "method not allowed: " + method + " " + ctx.path());
    } else {
      reject(ctx, 404, "no endpoint " + method + " " + ctx.path());
    }
  }

  private void reject(Context ctx, int status, String message) {
    rejections.record(status, ctx.req().getMethod(), ctx.path(), message);
    write(ctx, status, errorBody(status, message));
  }

  /** {@code {"error": {"message", "type", "param", "code"}}}, as OpenAI's API writes errors. */
  static byte[] errorBody(int status, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("message", message);
    err.put(
        "type",
        switch (status) {
          case 404 -> "not_found_error";
          case 503 -> "server_busy";
          default -> status >= 500 ? "server_error" : "invalid_request_error";
        });
    err.put("param", param(message));
    err.put("code", status);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", err);
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request field an error message names ({@code "max_tokens: ..."}), else null. */
  private static String param(String message) {
    int colon = message.indexOf(": ");
    if (colon <= 0) {
      return null;
    }
    String head = message.substring(0, colon);
    return head.matches("[A-Za-z_][A-Za-z0-9_.\\[\\]]*") && !head.equals("request") ? head : null;
  }

  private static void json(Context ctx, int status, Object body) {
    try {
      write(ctx, status, MAPPER.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Context ctx, int status, byte[] body) {
    ctx.status(status).contentType("application/json").result(body);
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  @Override
  public void close() {
    app.stop();
    worker.shutdownNow();
    timer.shutdownNow();
  }
}
