package spatialthinker.demo;

import ai.djl.ndarray.NDManager;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import spatialthinker.clients.ChatModel;
import spatialthinker.clients.OpenAiChatModel;
import spatialthinker.clients.RetrySettings;
import spatialthinker.eval.benchmark.BenchmarkRegistry;
import spatialthinker.eval.benchmark.PromptTemplate;
import spatialthinker.eval.run.EvalRunner;
import spatialthinker.eval.run.RunConfig;
import spatialthinker.eval.score.Prediction;
import spatialthinker.eval.score.Summary;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.model.Policy;
import spatialthinker.train.serve.PolicyServer;

/**
 * Evaluates an arm the way any model is evaluated: the policy is served in-process behind the
 * OpenAI-compatible policy server on an ephemeral loopback port, and the evaluation module's runner
 * sends it the held-out (val) split of the demo's data as the {@code stvqa-ours} benchmark through
 * the OpenAI client, over real HTTP.
 */
final class EvalStep {

  /** The benchmark that reads our QA parquet's val split. */
  static final String BENCHMARK = "stvqa-ours";

  /**
   * The prompt the policy was trained on. The evaluation script's own template adds a line ({@code
   * Now answer the following question:}) whose words the small policies never saw; with it the tiny
   * policy kept the format on less than half as many items.
   */
  static final PromptTemplate TEMPLATE = PromptTemplate.SPATIAL_THINKER_TRAIN;

  /**
   * Two requests in flight: the server answers one at a time, and the second lets the client
   * prepare the next request while the policy decodes.
   */
  private static final int CONCURRENCY = 2;

  private EvalStep() {}

  /** The model id an arm is served as. */
  static String modelId(Arm arm) {
    return "spatialthinker-demo-" + arm.id();
  }

  /** The most tokens an answer may have: the rollout budget the arm was trained with. */
  static int maxTokens(DemoConfig c) {
    return c.plan().model().grpo().maxNewTokens();
  }

  /**
   * Runs (or, with {@code resume}, continues) the evaluation of an arm into its directory.
   *
   * @return the scores
   */
  static Summary run(DemoConfig c, Arm arm, boolean resume, DemoListener l) {
    DemoLayout layout = c.layout();
    Path dir = layout.evaluation(arm);
    if (!resume) {
      layout.reset(dir);
    }
    l.started(Stage.evaluation(arm), c.plan().evalItems());
    int maxTokens = maxTokens(c);
    String model = modelId(arm);
    try (NDManager root = NDManager.newBaseManager();
        Policy policy = Checkpoint.loadPolicy(layout.checkpoint(arm), root);
        PolicyServer server = PolicyServer.start(policy, model, "127.0.0.1", 0, maxTokens);
        ChatModel chat =
            new OpenAiChatModel(
                new OpenAiChatModel.Config(
                    URI.create(server.uri() + "/v1"),
                    model,
                    Optional.empty(),
                    Duration.ofMinutes(5)))) {
      RunConfig config =
          new RunConfig(
              BenchmarkRegistry.get(BENCHMARK),
              layout.data(),
              TEMPLATE,
              dir,
              CONCURRENCY,
              OptionalLong.of(c.plan().evalItems()),
              resume,
              false,
              maxTokens,
              OptionalDouble.of(0.0),
              Map.of(),
              false);
      EvalRunner.Listener progress =
          new EvalRunner.Listener() {
            @Override
            public void started(long total, long alreadyDone) {
              l.total(total);
              l.progress(alreadyDone, "");
            }

            @Override
            public void predicted(Prediction p, long done, long correct) {
              l.progress(
                  done,
                  String.format(Locale.ROOT, "acc %.1f%%", 100.0 * correct / Math.max(1, done)));
            }
          };
      return new EvalRunner(chat, config, Optional.empty(), RetrySettings.DEFAULT, progress)
          .run()
          .summary();
    }
  }
}
