package spatialthinker.reward.service;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spatialthinker.reward.BatchScorer;
import spatialthinker.reward.MalformedRecordException;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardScore;

/**
 * The reward over HTTP.
 *
 * <ul>
 *   <li>{@code POST /get_reward}: OpenRLHF's remote reward protocol. Request {@code {"query":
 *       [...], "prompts": [...], "labels": [...]}} ({@code prompts} optional); answer {@code
 *       {"rewards": [...], "scores": [...], "extra_logs": {"format": [...], "count": [...],
 *       "accuracy": [...], "spatial": [...]}}}, scored with the default reward. The response is cut
 *       out of each query by {@link ChatTemplateResponseExtractor}; the problem is {@code
 *       prompts[i]}, else the query text before the response.
 *   <li>{@code POST /v1/rewards}: reward records, {@code {"records": [{"response", "ground_truth",
 *       "problem"}, ...], "reward": "dense"}} or a bare array of records; answer {@code {"scores":
 *       [{"overall", "format", "count", "accuracy", "spatial"}, ...]}} in input order.
 *   <li>{@code GET /health}: {@code {"status": "ok", "reward": "<default name>"}}.
 * </ul>
 *
 * Errors are JSON {@code {"error": "<field>: <what is wrong>"}}: 400 for a body that cannot be read
 * or a record the reward rejects, 413 for a body over the limit, 404 for an unknown path, 405 for a
 * known path with the wrong method. Requests are served in parallel by the HTTP server's threads; a
 * large batch is also split over {@link RewardServerConfig#threads()} scoring threads. Request
 * bodies are never logged; each request logs one line at debug level.
 */
public final class RewardServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RewardServer.class);
  private static final String JSON = "application/json";
  private static final String RECORDS = "spatialthinker.records";
  private static final int MAX_QUEUED = 256;
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private final RewardServerConfig config;
  private final RewardRegistry rewards;
  private final BatchScorer scorer;
  private final RequestBodies requests;
  private final ResponseBodies responses = new ResponseBodies();
  private final Rejections rejections = new Rejections(LOG);
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timer;
  private final Javalin app;

  private RewardServer(
      RewardServerConfig config, Reward defaultReward, Function<String, Reward> factory) {
    this.config = config;
    this.rewards = new RewardRegistry(defaultReward, factory);
    this.requests = new RequestBodies(config.maxBodyBytes(), new ChatTemplateResponseExtractor());
    this.scorer = new BatchScorer(config.threads());
    AtomicInteger count = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            config.threads(),
            config.threads(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED),
            r -> daemon(r, "reward-request-" + count.incrementAndGet()));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "reward-deadlines"));
    this.app = createApp();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Starts a server that scores with {@code defaultReward}, and with {@code rewards.apply(name)}
   * when a {@code /v1/rewards} request names another reward. The factory throws {@link
   * IllegalArgumentException} for a name it does not know (the request is then answered 400); what
   * it builds is kept for later requests.
   */
  public static RewardServer start(
      RewardServerConfig config, Reward defaultReward, Function<String, Reward> rewards) {
    Objects.requireNonNull(config, "config");
    RewardServer server = new RewardServer(config, defaultReward, rewards);
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.shutdownPools();
      throw HttpLimits.bindFailure(config.host(), config.port(), e);
    }
    LOG.info(
        "reward service on http://{}:{} (default reward {})",
        config.host(),
        server.port(),
        defaultReward.name());
    return server;
  }

  /** Starts a server that knows only {@code defaultReward}. */
  public static RewardServer start(RewardServerConfig config, Reward defaultReward) {
    return start(
        config,
        defaultReward,
        name -> {
          throw new IllegalArgumentException("this server serves only " + defaultReward.name());
        });
  }

  /** The port the server listens on (the ephemeral one chosen when configured with port 0). */
  public int port() {
    return app.port();
  }

  /** The configuration the server was started with. */
  public RewardServerConfig config() {
    return config;
  }

  /** The base address, e.g. {@code http://127.0.0.1:8000}. */
  public URI uri() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + port());
  }

  /** Stops the HTTP server and the scoring threads. */
  @Override
  public void close() {
    app.stop();
    shutdownPools();
  }

  private void shutdownPools() {
    workers.shutdownNow();
    timer.shutdownNow();
    scorer.close();
  }

  /** Rejected requests so far by status (what {@code GET /health} reports). */
  public java.util.Map<Integer, Long> rejected() {
    return rejections.counts();
  }

  private Javalin createApp() {
    Javalin javalin =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.http.maxRequestSize = config.maxBodyBytes();
              cfg.http.prefer405over404 = true;
              cfg.http.disableCompression();
              HttpLimits.apply(
                  cfg,
                  config.host(),
                  config.port(),
                  config.maxConnections(),
                  IDLE_TIMEOUT,
                  rejections);
              cfg.requestLogger.http(
                  (ctx, ms) ->
                      LOG.debug(
                          "{} {} {} records={} {} ms",
                          ctx.req().getMethod(),
                          ctx.path(),
                          ctx.statusCode(),
                          Objects.requireNonNullElse(ctx.attribute(RECORDS), 0),
                          Math.round(ms)));
            });
    javalin.post("/get_reward", ctx -> withBody(ctx, this::getReward));
    javalin.post("/v1/rewards", ctx -> withBody(ctx, this::batch));
    javalin.get("/health", this::health);
    javalin.exception(BadRequestException.class, (e, ctx) -> reject(ctx, 400, e.getMessage()));
    javalin.exception(PayloadTooLargeException.class, (e, ctx) -> reject(ctx, 413, e.getMessage()));
    javalin.exception(
        ClientFaultException.class, (e, ctx) -> reject(ctx, e.status(), e.getMessage()));
    javalin.exception(Exception.class, this::unexpected);
    javalin.error(404, ctx -> notFound(ctx, 404));
    javalin.error(405, ctx -> notFound(ctx, 405));
    return javalin;
  }

  /**
   * Reads the body without blocking a thread, then runs {@code handler} on a request worker with
   * the work deadline; a full queue is answered 503 at once.
   */
  private void withBody(Context ctx, BodyHandler handler) {
    ctx.future(
        () -> {
          long deadline = System.nanoTime() + config.workTimeout().toNanos();
          AtomicBoolean gone = new AtomicBoolean();
          ctx.req().getAsyncContext().addListener(new ClientGone(gone));
          return AsyncBody.read(ctx.req(), config.maxBodyBytes(), config.readTimeout(), timer)
              .thenApplyAsync(
                  body -> {
                    handler.handle(ctx, body, new WorkDeadline(deadline, gone));
                    return null;
                  },
                  workers);
        });
  }

  @FunctionalInterface
  private interface BodyHandler {
    void handle(Context ctx, byte[] body, WorkDeadline deadline);
  }

  private void getReward(Context ctx, byte[] body, WorkDeadline deadline) {
    List<RewardInput> inputs = requests.openRlhf(body);
    ctx.attribute(RECORDS, inputs.size());
    List<RewardScore> scores =
        score(
            deadline.guard(rewards.defaultReward()),
            inputs,
            i -> "item " + i + " (query[" + i + "], labels[" + i + "])");
    json(ctx, 200, responses.openRlhf(scores));
  }

  private void batch(Context ctx, byte[] body, WorkDeadline deadline) {
    RequestBodies.BatchRequest request = requests.batch(body);
    ctx.attribute(RECORDS, request.inputs().size());
    Reward reward = deadline.guard(rewards.resolve(request.reward()));
    List<RewardScore> scores = score(reward, request.inputs(), i -> "records[" + i + "]");
    json(ctx, 200, responses.batch(scores));
  }

  /** Scores a batch; a record the reward rejects becomes a 400 naming it. */
  private List<RewardScore> score(
      Reward reward, List<RewardInput> inputs, IntFunction<String> recordName) {
    try {
      return scorer.score(reward, inputs);
    } catch (MalformedRecordException e) {
      throw new BadRequestException(
          recordName.apply(e.index().orElse(0)) + ": " + RequestBodies.oneLine(e.getMessage()));
    }
  }

  private void health(Context ctx) {
    json(
        ctx,
        200,
        responses.health(rewards.defaultReward().name(), rejections.counts(), rejections.last()));
  }

  private void unexpected(Exception e, Context ctx) {
    if (e instanceof HttpResponseException h) {
      reject(ctx, h.getStatus(), RequestBodies.oneLine(h.getMessage()));
      return;
    }
    if (e instanceof RejectedExecutionException) {
      reject(ctx, 503, "service: busy, " + MAX_QUEUED + " requests already queued; retry later");
      return;
    }
    LOG.warn("{} {} failed", ctx.req().getMethod(), ctx.path(), e);
    error(
        ctx,
        500,
        "internal error: "
            + e.getClass().getSimpleName()
            + ": "
            + RequestBodies.oneLine(e.getMessage()));
  }

  private void notFound(Context ctx, int status) {
    String method = ctx.req().getMethod();
    if (ctx.method() == HandlerType.INVALID) {
      reject(ctx, 405, "method " + RequestBodies.oneLine(method) + " is not supported");
    } else if (status == 405) {
      reject(ctx, 405, "method not allowed: " + method + " " + ctx.path());
    } else {
      reject(ctx, 404, "no endpoint " + method + " " + ctx.path());
    }
  }

  private void reject(Context ctx, int status, String message) {
    rejections.record(status, ctx.req().getMethod(), ctx.path(), message);
    error(ctx, status, message);
  }

  private void error(Context ctx, int status, String message) {
    json(ctx, status, responses.error(message));
  }

  private static void json(Context ctx, int status, byte[] body) {
    ctx.status(status).contentType(JSON).result(body);
  }
}
