package spatialthinker.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.model.Policy;
import spatialthinker.train.serve.PolicyServer;

/** {@code spatialthinker serve}: the trained policy behind an OpenAI-compatible API. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve a trained policy: POST /v1/chat/completions (image data URL + text in,"
            + " SpatialThinker-format text out), GET /v1/models.")
final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--checkpoint",
      paramLabel = "DIR",
      description = "a checkpoint, or a run directory (its best/, else last/)")
  Path checkpoint;

  @Option(names = "--port", paramLabel = "P", description = "port (default 8080; 0: any free)")
  int port = 8080;

  @Option(names = "--host", paramLabel = "HOST", description = "address (default 127.0.0.1)")
  String host = "127.0.0.1";

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "model id (default spatialthinker-policy)")
  String model = "spatialthinker-policy";

  @Option(names = "--max-tokens", paramLabel = "N", description = "most new tokens (default 256)")
  int maxTokens = 256;

  @Option(
      names = "--hf-model",
      paramLabel = "DIR",
      description =
          "a Hugging Face Qwen2.5-VL checkpoint directory (SpatialThinker-3B/7B) instead of --checkpoint")
  Path hfModel;

  @Option(names = "--dtype", paramLabel = "fp32", description = "--hf-model compute type (fp32)")
  String dtype = "fp32";

  @Option(
      names = "--min-pixels",
      paramLabel = "N",
      description = "--hf-model: image pixel floor (default: the checkpoint's)")
  int minPixels;

  @Option(
      names = "--max-pixels",
      paramLabel = "N",
      description = "--hf-model: image pixel ceiling (default: the checkpoint's)")
  int maxPixels;

  @Override
  public Integer call() throws InterruptedException {
    if ((hfModel == null) == (checkpoint == null)) {
      throw new IllegalArgumentException("serve: give exactly one of --checkpoint and --hf-model");
    }
    if (hfModel != null) {
      return HfModelServe.run(hfModel, dtype, minPixels, maxPixels, host, port, model, maxTokens);
    }
    NDManager root = NDManager.newBaseManager();
    Policy policy = Checkpoint.loadPolicy(checkpoint, root);
    PolicyServer server = PolicyServer.start(policy, model, host, port, maxTokens);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  policy.close();
                  root.close();
                  stopped.countDown();
                },
                "serve-shutdown"));
    System.err.println(
        "serving "
            + model
            + " from "
            + Checkpoint.resolve(checkpoint)
            + " on "
            + server.uri()
            + " (POST /v1/chat/completions, GET /v1/models); Ctrl-C stops");
    stopped.await();
    return 0;
  }
}
