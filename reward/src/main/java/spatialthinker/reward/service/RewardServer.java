package spatialthinker.reward.service;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
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

  private final RewardServerConfig config;
  private final RewardRegistry rewards;
  private final BatchScorer scorer;
  private final RequestBodies requests;
  private final ResponseBodies responses = new ResponseBodies();
  private final Javalin app;

  private RewardServer(
      RewardServerConfig config, Reward defaultReward, Function<String, Reward> factory) {
    this.config = config;
    this.rewards = new RewardRegistry(defaultReward, factory);
    this.requests = new RequestBodies(config.maxBodyBytes(), new ChatTemplateResponseExtractor());
    this.scorer = new BatchScorer(config.threads());
    this.app = createApp();
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
      server.app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      server.scorer.close();
      throw e;
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
    scorer.close();
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
              cfg.requestLogger.http(
                  (ctx, ms) ->
                      LOG.debug(
                          "{} {} {} records={} {} ms",
                          ctx.method(),
                          ctx.path(),
                          ctx.statusCode(),
                          Objects.requireNonNullElse(ctx.attribute(RECORDS), 0),
                          Math.round(ms)));
            });
    javalin.post("/get_reward", this::getReward);
    javalin.post("/v1/rewards", this::batch);
    javalin.get("/health", this::health);
    javalin.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    javalin.exception(PayloadTooLargeException.class, (e, ctx) -> error(ctx, 413, e.getMessage()));
    javalin.exception(Exception.class, this::unexpected);
    javalin.error(404, ctx -> notFound(ctx, 404, "no endpoint "));
    javalin.error(405, ctx -> notFound(ctx, 405, "method not allowed: "));
    return javalin;
  }

  private void getReward(Context ctx) {
    List<RewardInput> inputs = requests.openRlhf(body(ctx));
    ctx.attribute(RECORDS, inputs.size());
    List<RewardScore> scores =
        score(
            rewards.defaultReward(),
            inputs,
            i -> "item " + i + " (query[" + i + "], labels[" + i + "])");
    json(ctx, 200, responses.openRlhf(scores));
  }

  private void batch(Context ctx) {
    RequestBodies.BatchRequest request = requests.batch(body(ctx));
    ctx.attribute(RECORDS, request.inputs().size());
    Reward reward = rewards.resolve(request.reward());
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
    json(ctx, 200, responses.health(rewards.defaultReward().name()));
  }

  private void unexpected(Exception e, Context ctx) {
    if (e instanceof HttpResponseException h) {
      error(ctx, h.getStatus(), h.getMessage());
      return;
    }
    LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
    error(
        ctx,
        500,
        "internal error: "
            + e.getClass().getSimpleName()
            + ": "
            + RequestBodies.oneLine(e.getMessage()));
  }

  private void notFound(Context ctx, int status, String prefix) {
    error(ctx, status, prefix + ctx.method() + " " + ctx.path());
  }

  private void error(Context ctx, int status, String message) {
    json(ctx, status, responses.error(message));
  }

  private static void json(Context ctx, int status, byte[] body) {
    ctx.status(status).contentType(JSON).result(body);
  }

  /** Reads the body, refusing more than the limit whether or not a Content-Length was sent. */
  private byte[] body(Context ctx) {
    HttpServletRequest req = ctx.req();
    long limit = config.maxBodyBytes();
    long declared = req.getContentLengthLong();
    if (declared > limit) {
      throw new PayloadTooLargeException(limit);
    }
    try {
      InputStream in = req.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) != -1) {
        total += n;
        if (total > limit) {
          throw new PayloadTooLargeException(limit);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
  }
}
