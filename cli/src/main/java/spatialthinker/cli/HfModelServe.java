package spatialthinker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import spatialthinker.clients.ChatMessage;
import spatialthinker.clients.ChatResponse;
import spatialthinker.clients.ContentPart;
import spatialthinker.clients.ImagePart;
import spatialthinker.clients.ModelRequestException;
import spatialthinker.clients.Role;
import spatialthinker.clients.TextPart;
import spatialthinker.models.QwenChatModel;
import spatialthinker.train.serve.BadChatRequestException;
import spatialthinker.train.serve.ChatRequest;
import spatialthinker.train.serve.Generator;
import spatialthinker.train.serve.PolicyServer;

/** {@code serve --hf-model DIR}: a Qwen2.5-VL checkpoint behind the OpenAI-compatible API. */
final class HfModelServe {

  private HfModelServe() {}

  /** A started server and the model it owns; closing stops both. */
  record Running(PolicyServer server, QwenChatModel model, String name) implements AutoCloseable {
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
      return new Running(
          PolicyServer.start(new QwenGenerator(model), name, host, port, maxTokens), model, name);
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

  /**
   * The checkpoint as the policy server's generator: the whole conversation, with its images, as a
   * chat request to the model; what the model cannot do with a valid request is a 400.
   */
  record QwenGenerator(QwenChatModel model) implements Generator {

    @Override
    public Generation generate(ChatRequest req, int maxTokens) {
      List<ChatMessage> messages = new ArrayList<>();
      for (ChatRequest.Turn t : req.turns()) {
        List<ContentPart> parts = new ArrayList<>();
        for (ChatRequest.Part p : t.parts()) {
          switch (p) {
            case ChatRequest.Text text -> parts.add(new TextPart(text.text()));
            case ChatRequest.Image image -> parts.add(image(image.bytes()));
          }
        }
        messages.add(new ChatMessage(role(t.role()), parts));
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("top_p", req.topP());
      extra.put("seed", req.seed());
      ChatResponse r;
      try {
        r =
            model.chat(
                new spatialthinker.clients.ChatRequest(
                    messages, maxTokens, OptionalDouble.of(req.temperature()), extra));
      } catch (ModelRequestException | IllegalArgumentException e) {
        throw new BadChatRequestException(e.getMessage());
      }
      long prompt = r.usage().map(u -> u.promptTokens()).orElse(0L);
      long completion = r.usage().map(u -> u.completionTokens()).orElse(0L);
      return new Generation(
          r.text(), (int) prompt, (int) completion, r.finishReason().equals("stop"));
    }

    private static ImagePart image(byte[] bytes) {
      try {
        return ImagePart.of(bytes);
      } catch (IllegalArgumentException e) {
        throw new BadChatRequestException("image_url.url: " + e.getMessage());
      }
    }

    private static Role role(String role) {
      return switch (role) {
        case "system", "developer" -> Role.SYSTEM;
        case "assistant" -> Role.ASSISTANT;
        default -> Role.USER;
      };
    }
  }
}
