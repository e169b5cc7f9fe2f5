package spatialthinker.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import spatialthinker.models.ChatModelServer;
import spatialthinker.models.QwenChatModel;

/** {@code serve --hf-model DIR}: a Qwen2.5-VL checkpoint behind the OpenAI-compatible API. */
final class HfModelServe {

  private HfModelServe() {}

  /** A started server and the model it owns; closing stops both. */
  record Running(ChatModelServer server, QwenChatModel model, String name)
      implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      model.close();
    }
  }

  static Running start(
      Path dir,
      String dtype,
      int minPixels,
      int maxPixels,
      String host,
      int port,
      String id,
      int maxTokens) {
    if (!dtype.equals("fp32")) {
      throw new IllegalArgumentException(
          "--dtype " + dtype + ": only fp32 is supported (bfloat16 weights are widened to fp32)");
    }
    String name =
        id.equals("spatialthinker-policy")
            ? dir.toAbsolutePath().normalize().getFileName().toString()
            : id;
    QwenChatModel model = QwenChatModel.load(dir, name, minPixels, maxPixels);
    try {
      return new Running(ChatModelServer.start(model, name, host, port, maxTokens), model, name);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  static int run(
      Path dir,
      String dtype,
      int minPixels,
      int maxPixels,
      String host,
      int port,
      String id,
      int maxTokens)
      throws InterruptedException {
    Running r = start(dir, dtype, minPixels, maxPixels, host, port, id, maxTokens);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  r.close();
                  stopped.countDown();
                },
                "serve-shutdown"));
    System.err.println(
        "serving "
            + r.name()
            + " from "
            + dir
            + " on "
            + r.server().uri()
            + " (POST /v1/chat/completions, GET /v1/models); Ctrl-C stops");
    stopped.await();
    return 0;
  }
}
