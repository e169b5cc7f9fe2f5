package spatialthinker.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A Qwen2.5-VL checkpoint directory (such as SpatialThinker-3B or -7B) ready to chat: the chat
 * template, image preprocessing, prefill of the prompt and decoding with a KV cache, greedy or
 * sampled (temperature, top-p, seeded), until a stop token or the token limit.
 */
public final class QwenChat implements AutoCloseable {

  /**
   * How to generate. {@code temperature <= 0} is greedy; {@code extraStops} are stop tokens on top
   * of the checkpoint's own.
   */
  public record Options(
      int maxTokens, double temperature, double topP, long seed, Set<Integer> extraStops) {
    public Options {
      if (maxTokens < 1) {
        throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
      }
      if (!(topP > 0 && topP <= 1)) {
        throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
      }
      if (!(temperature >= 0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException(
            "temperature must be finite and >= 0, got " + temperature);
      }
      extraStops = Set.copyOf(extraStops);
    }

    public static Options greedy(int maxTokens) {
      return new Options(maxTokens, 0, 1, 0, Set.of());
    }

    public static Options sampled(int maxTokens, double temperature, double topP, long seed) {
      return new Options(maxTokens, temperature, topP, seed, Set.of());
    }

    public Options withStops(Set<Integer> stops) {
      return new Options(maxTokens, temperature, topP, seed, stops);
    }
  }

  /**
   * A generated answer: text without the stop token, the new token ids (with the stop token when
   * one ended it), the prompt's length, "stop" or "length", and per image the size the model saw.
   */
  public record Result(
      String text, int[] tokens, int promptTokens, String finishReason, List<int[]> imageSizes) {}

  private final NDManager manager;
  private final QwenVlModel model;
  private final QwenTokenizer tokenizer;
  private final QwenImageProcessor images;
  private final Set<Integer> stops;

  private QwenChat(
      NDManager manager,
      QwenVlModel model,
      QwenTokenizer tokenizer,
      QwenImageProcessor images,
      Set<Integer> stops) {
    this.manager = manager;
    this.model = model;
    this.tokenizer = tokenizer;
    this.images = images;
    this.stops = stops;
  }

  /**
   * Loads a checkpoint directory; {@code minPixels}/{@code maxPixels} above 0 override the
   * preprocessor's image limits.
   */
  public static QwenChat load(Path dir, int minPixels, int maxPixels) {
    NDManager m = NDManager.newBaseManager();
    try {
      QwenVlModel model = QwenVlModel.load(dir, m);
      QwenTokenizer tok = QwenTokenizer.open(dir);
      QwenImageProcessor proc = QwenImageProcessor.read(dir, minPixels, maxPixels);
      return new QwenChat(m, model, tok, proc, stopTokens(dir, tok));
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private static Set<Integer> stopTokens(Path dir, QwenTokenizer tok) {
    Set<Integer> out = new LinkedHashSet<>();
    Path gen = dir.resolve("generation_config.json");
    if (Files.isRegularFile(gen)) {
      try {
        JsonNode eos = new ObjectMapper().readTree(Files.readString(gen)).get("eos_token_id");
        if (eos != null && eos.isArray()) {
          eos.forEach(e -> out.add(e.asInt()));
        } else if (eos != null && eos.canConvertToInt()) {
          out.add(eos.asInt());
        }
      } catch (IOException e) {
        throw new IllegalArgumentException(gen + ": cannot read: " + e.getMessage());
      }
    }
    int[] imEnd = tok.encode("<|im_end|>", new int[0]);
    if (imEnd.length == 1) {
      out.add(imEnd[0]);
    }
    return Set.copyOf(out);
  }

  public QwenConfig config() {
    return model.config();
  }

  public Set<Integer> stopTokens() {
    return stops;
  }

  public QwenTokenizer tokenizer() {
    return tokenizer;
  }

  public QwenImageProcessor imageProcessor() {
    return images;
  }

  /** One user turn: the image first (when given), then the text. */
  public Result generate(String text, BufferedImage image, Options options) {
    List<String> parts = image == null ? List.of(text) : List.of(ChatMessage.IMAGE, text);
    return generate(
        List.of(new ChatMessage("user", parts)),
        image == null ? List.of() : List.of(image),
        options);
  }

  /** A chat whose image parts take {@code imgs} in order. */
  public Result generate(List<ChatMessage> messages, List<BufferedImage> imgs, Options options) {
    long placeholders = messages.stream().mapToLong(ChatMessage::images).sum();
    if (placeholders != imgs.size()) {
      throw new IllegalArgumentException(
          "the messages hold "
              + placeholders
              + " image part(s) but "
              + imgs.size()
              + " image(s) were given");
    }
    List<QwenImageProcessor.Processed> processed = imgs.stream().map(images::process).toList();
    int[] counts = processed.stream().mapToInt(p -> p.tokens(images.mergeSize())).toArray();
    int[] ids = tokenizer.encode(QwenTokenizer.render(messages, true), counts);
    int total = processed.stream().mapToInt(p -> p.pixels().length).sum();
    float[] pixels = new float[total];
    List<int[]> grids = new ArrayList<>();
    int off = 0;
    for (QwenImageProcessor.Processed p : processed) {
      System.arraycopy(p.pixels(), 0, pixels, off, p.pixels().length);
      off += p.pixels().length;
      grids.add(new int[] {p.gridT(), p.gridH(), p.gridW()});
    }
    int[] out = generateIds(ids, pixels, grids, options);
    boolean stopped = out.length > 0 && isStop(out[out.length - 1], options);
    int[] shown = stopped ? Arrays.copyOf(out, out.length - 1) : out;
    List<int[]> sizes = processed.stream().map(p -> new int[] {p.width(), p.height()}).toList();
    return new Result(
        tokenizer.decode(shown, true), out, ids.length, stopped ? "stop" : "length", sizes);
  }

  private boolean isStop(int token, Options o) {
    return stops.contains(token) || o.extraStops().contains(token);
  }

  /** New token ids after {@code prompt} (with image placeholders expanded) and its images. */
  public int[] generateIds(int[] prompt, float[] pixels, List<int[]> grids, Options o) {
    return generate(model, manager, prompt, pixels, grids, o, stops);
  }

  /**
   * Prefill of {@code prompt} and its images, then one token at a time with the KV cache until a
   * stop token ({@code stops} or the options' extra ones) or {@code o.maxTokens()}.
   */
  public static int[] generate(
      QwenVlModel model,
      NDManager manager,
      int[] prompt,
      float[] pixels,
      List<int[]> grids,
      Options o,
      Set<Integer> stops) {
    return generate(model, manager, prompt, pixels, grids, o, stops, t -> {});
  }

  /** As above, calling {@code onToken} as each new token is chosen (for timing and streaming). */
  public static int[] generate(
      QwenVlModel model,
      NDManager manager,
      int[] prompt,
      float[] pixels,
      List<int[]> grids,
      Options o,
      Set<Integer> stops,
      java.util.function.IntConsumer onToken) {
    QwenConfig c = model.config();
    int vocab = c.text().vocabSize();
    SplittableRandom rnd = new SplittableRandom(o.seed());
    List<Integer> out = new ArrayList<>();
    try (NDManager m = manager.newSubManager();
        QwenVlModel.KvCache cache = model.newCache(m)) {
      RopeIndex.Positions pos =
          RopeIndex.of(prompt, c.imageTokenId(), grids, c.vision().mergeSize());
      float[] logits;
      try (NDManager step = m.newSubManager()) {
        NDArray img = grids.isEmpty() ? null : model.encodeImages(step, pixels, grids);
        NDArray x = model.embed(step, prompt, img).expandDims(0);
        NDArray h = model.decode(step, x, pos.ids(), cache);
        logits = model.logits(h.get(0, prompt.length - 1)).toFloatArray();
      }
      for (int t = 0; t < o.maxTokens(); t++) {
        int next = choose(logits, vocab, o, rnd);
        out.add(next);
        onToken.accept(next);
        if (stops.contains(next) || o.extraStops().contains(next) || t == o.maxTokens() - 1) {
          break;
        }
        long p = cache.length() + pos.delta();
        try (NDManager step = m.newSubManager()) {
          NDArray x = model.embed(step, new int[] {next}, null).expandDims(0);
          NDArray h = model.decode(step, x, new long[][] {{p}, {p}, {p}}, cache);
          logits = model.logits(h.get(0, 0)).toFloatArray();
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Greedy argmax, or a sample from softmax(logits / T) restricted to the top-p nucleus. */
  static int choose(float[] logits, int vocab, Options o, SplittableRandom rnd) {
    if (o.temperature() <= 0) {
      int best = 0;
      for (int i = 1; i < vocab; i++) {
        if (logits[i] > logits[best]) {
          best = i;
        }
      }
      return best;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vocab; i++) {
      max = Math.max(max, logits[i] / o.temperature());
    }
    double[] p = new double[vocab];
    double sum = 0;
    for (int i = 0; i < vocab; i++) {
      p[i] = Math.exp(logits[i] / o.temperature() - max);
      sum += p[i];
    }
    Integer[] order = new Integer[vocab];
    for (int i = 0; i < vocab; i++) {
      order[i] = i;
      p[i] /= sum;
    }
    Arrays.sort(order, (a, b) -> p[b] != p[a] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
    double cum = 0;
    int keep = 0;
    while (keep < vocab) {
      cum += p[order[keep]];
      keep++;
      if (cum >= o.topP()) {
        break;
      }
    }
    double r = rnd.nextDouble() * cum;
    double acc = 0;
    for (int i = 0; i < keep; i++) {
      acc += p[order[i]];
      if (r < acc) {
        return order[i];
      }
    }
    return order[keep - 1];
  }

  @Override
  public void close() {
    tokenizer.close();
    model.close();
    manager.close();
  }
}
