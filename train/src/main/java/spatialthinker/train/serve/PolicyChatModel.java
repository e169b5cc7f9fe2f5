package spatialthinker.train.serve;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import spatialthinker.clients.ChatMessage;
import spatialthinker.clients.ChatModel;
import spatialthinker.clients.ChatRequest;
import spatialthinker.clients.ChatResponse;
import spatialthinker.clients.ContentPart;
import spatialthinker.clients.ImagePart;
import spatialthinker.clients.ModelInfo;
import spatialthinker.clients.ModelRequestException;
import spatialthinker.clients.Role;
import spatialthinker.clients.TextPart;
import spatialthinker.clients.Usage;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.model.GradMode;
import spatialthinker.train.model.ImagePatches;
import spatialthinker.train.model.Policy;
import spatialthinker.train.model.Sampling;

/**
 * A trained policy in this process as a {@link ChatModel}: the evaluation runner, data validation
 * and anything else that speaks to chat models reach it as they reach a server, without one. It
 * answers the last user message (its text parts joined by newlines, and its one image) exactly as
 * the policy server does: the same prompt, patches, closed answers and decoding, greedy without a
 * temperature, seeded by the extra body's {@code seed} (default 0). Requests run one at a time.
 */
public final class PolicyChatModel implements ChatModel {

  private final NDManager root;
  private final Policy policy;
  private final String id;
  private final Path checkpoint;

  private PolicyChatModel(NDManager root, Policy policy, String id, Path checkpoint) {
    this.root = root;
    this.policy = policy;
    this.id = id;
    this.checkpoint = checkpoint;
  }

  /** Loads a checkpoint (or a run directory's best one) as a chat model named {@code id}. */
  public static PolicyChatModel load(Path checkpoint, String id) {
    NDManager root = NDManager.newBaseManager();
    try {
      return new PolicyChatModel(root, Checkpoint.loadPolicy(checkpoint, root), id, checkpoint);
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo(
        "spatialthinker-policy", id, checkpoint.toAbsolutePath().toUri().toString());
  }

  @Override
  public synchronized ChatResponse chat(ChatRequest request) {
    long start = System.nanoTime();
    ChatMessage last = null;
    for (ChatMessage m : request.messages()) {
      if (m.role() == Role.USER) {
        last = m;
      }
    }
    if (last == null) {
      throw new ModelRequestException("the conversation has no user message");
    }
    List<String> text = new ArrayList<>();
    List<ImagePart> images = new ArrayList<>();
    for (ContentPart p : last.content()) {
      if (p instanceof TextPart t) {
        text.add(t.text());
      } else if (p instanceof ImagePart i) {
        images.add(i);
      }
    }
    if (images.size() != 1) {
      throw new ModelRequestException(
          "the policy answers one image per question; the last user message has " + images.size());
    }
    float[] patches;
    try {
      patches =
          ImagePatches.of(ImagePatches.decode(images.get(0).data(), "image"), policy.config());
    } catch (IllegalArgumentException e) {
      throw new ModelRequestException(e.getMessage());
    }
    double temperature = request.temperature().orElse(0);
    long seed = seed(request.extraBody());
    Sampling s;
    try {
      s = new Sampling(temperature, request.maxTokens());
    } catch (IllegalArgumentException e) {
      throw new ModelRequestException(e.getMessage());
    }
    GradMode.off();
    int[] prompt = policy.promptTokens(String.join("\n", text));
    int[] gen;
    try (NDManager m = policy.parameters().manager().newSubManager()) {
      gen =
          policy
              .decoder()
              .generate(m, List.of(patches), List.of(prompt), s, new SplittableRandom(seed))
              .get(0);
    }
    String answer = policy.text(gen);
    if (answer.isBlank()) {
      throw new ModelRequestException(
          "the policy's answer is blank (" + gen.length + " tokens, all special)");
    }
    boolean stopped = gen.length > 0 && gen[gen.length - 1] == policy.tokenizer().eosId();
    return new ChatResponse(
        answer,
        stopped ? "stop" : "length",
        Optional.of(new Usage(prompt.length + policy.config().patches(), gen.length)),
        Duration.ofNanos(System.nanoTime() - start),
        1);
  }

  private static long seed(Map<String, Object> extra) {
    Object v = extra.get("seed");
    if (v == null) {
      return 0;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof com.fasterxml.jackson.databind.JsonNode j && j.canConvertToLong()) {
      return j.asLong();
    }
    throw new ModelRequestException("seed must be an integer, got " + v);
  }

  @Override
  public synchronized void close() {
    policy.close();
    root.close();
  }
}
