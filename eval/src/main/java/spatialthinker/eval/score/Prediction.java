package spatialthinker.eval.score;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import spatialthinker.clients.Usage;
import spatialthinker.eval.load.ItemMeta;

/**
 * One line of {@code predictions.jsonl}: an item, what the model said, and how it scored. A failed
 * request has an {@code error}, no response and no answer, and counts as incorrect. Built with
 * {@link #forItem}, {@link #builder} or {@link #toBuilder}.
 *
 * @param benchmark the benchmark name
 * @param index the item's index in the benchmark's fixed order
 * @param id the item's id in the data set
 * @param task the task or category
 * @param source the image source (CV-Bench)
 * @param promptHash SHA-256 of the prompt text and images sent (first 16 hex digits)
 * @param response the model's text; empty for a failed request
 * @param pred the extracted answer; empty for no answer
 * @param answer the normalised ground truth
 * @param correct whether {@code pred} matches {@code answer}
 * @param choices the options (empty for a free-form question)
 * @param rule how the answer was read
 * @param latencyMs wall time of the request including retries
 * @param attempts requests made (retries included)
 * @param finishReason why generation stopped, as the server said
 * @param usage token counts, when reported
 * @param error why the request failed
 * @param imageSize width and height of the first image as sent
 * @param groundTruthScene the scene target, kept so saved predictions can be re-scored
 * @param grounding grounding metrics, for items with a scene target
 * @param fields the item's columns that protocol metrics group by (3DSRBench {@code qid}, {@code
 *     category}; HallusionBench's set, figure and question ids; MMMU-Pro {@code subject})
 */
public record Prediction(
    String benchmark,
    long index,
    String id,
    String task,
    Optional<String> source,
    String promptHash,
    Optional<String> response,
    Optional<String> pred,
    String answer,
    boolean correct,
    List<String> choices,
    String rule,
    long latencyMs,
    int attempts,
    Optional<String> finishReason,
    Optional<Usage> usage,
    Optional<String> error,
    Optional<ImageSize> imageSize,
    Optional<String> groundTruthScene,
    Optional<Grounding> grounding,
    Map<String, String> fields) {

  /** Width and height in pixels. */
  public record ImageSize(int width, int height) {
    public ImageSize {
      if (width < 1 || height < 1) {
        throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
      }
    }
  }

  public Prediction {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(promptHash, "promptHash");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(pred, "pred");
    Objects.requireNonNull(answer, "answer");
    choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(imageSize, "imageSize");
    Objects.requireNonNull(groundTruthScene, "groundTruthScene");
    Objects.requireNonNull(grounding, "grounding");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    if (error.isPresent() && (correct || pred.isPresent())) {
      throw new IllegalArgumentException("a failed request has no answer (item " + index + ")");
    }
    if (correct && pred.isEmpty()) {
      throw new IllegalArgumentException("no answer can be correct (item " + index + ")");
    }
  }

  /** True when the request failed for good. */
  public boolean failed() {
    return error.isPresent();
  }

  /** A builder for an item of a benchmark: index, id, task, source, truth, options, fields. */
  public static Builder forItem(String benchmark, ItemMeta item) {
    return new Builder(benchmark, item.index())
        .id(item.id())
        .task(item.task())
        .source(item.source())
        .answer(item.answer())
        .choices(item.choices().options())
        .groundTruthScene(item.groundTruthScene())
        .fields(item.fields());
  }

  /** A builder with the defaults: id the index, task {@code all}, no response, 1 attempt. */
  public static Builder builder(String benchmark, long index) {
    return new Builder(benchmark, index);
  }

  /** A builder holding every field of this prediction. */
  public Builder toBuilder() {
    Builder b = new Builder(benchmark, index);
    b.id = id;
    b.task = task;
    b.source = source;
    b.promptHash = promptHash;
    b.response = response;
    b.pred = pred;
    b.answer = answer;
    b.correct = correct;
    b.choices = choices;
    b.rule = rule;
    b.latencyMs = latencyMs;
    b.attempts = attempts;
    b.finishReason = finishReason;
    b.usage = usage;
    b.error = error;
    b.imageSize = imageSize;
    b.groundTruthScene = groundTruthScene;
    b.grounding = grounding;
    b.fields = fields;
    return b;
  }

  /** Builds a {@link Prediction}; each setter returns the builder. */
  public static final class Builder {
    private final String benchmark;
    private long index;
    private String id;
    private String task = "all";
    private Optional<String> source = Optional.empty();
    private String promptHash = "";
    private Optional<String> response = Optional.empty();
    private Optional<String> pred = Optional.empty();
    private String answer = "";
    private boolean correct;
    private List<String> choices = List.of();
    private String rule = "";
    private long latencyMs;
    private int attempts = 1;
    private Optional<String> finishReason = Optional.empty();
    private Optional<Usage> usage = Optional.empty();
    private Optional<String> error = Optional.empty();
    private Optional<ImageSize> imageSize = Optional.empty();
    private Optional<String> groundTruthScene = Optional.empty();
    private Optional<Grounding> grounding = Optional.empty();
    private Map<String, String> fields = Map.of();

    private Builder(String benchmark, long index) {
      this.benchmark = benchmark;
      this.index = index;
      this.id = String.valueOf(index);
    }

    public Builder index(long v) {
      index = v;
      return this;
    }

    public Builder id(String v) {
      id = v;
      return this;
    }

    public Builder task(String v) {
      task = v;
      return this;
    }

    public Builder source(Optional<String> v) {
      source = v;
      return this;
    }

    public Builder promptHash(String v) {
      promptHash = v;
      return this;
    }

    public Builder response(Optional<String> v) {
      response = v;
      return this;
    }

    public Builder answer(String v) {
      answer = v;
      return this;
    }

    public Builder choices(List<String> v) {
      choices = v;
      return this;
    }

    /** The extracted answer, whether it is right, and the rule that read it. */
    public Builder outcome(Optional<String> p, boolean c, String r) {
      pred = p;
      correct = c;
      rule = r;
      return this;
    }

    /** The outcome and grounding of a scored response. */
    public Builder scored(Scored s) {
      return outcome(s.pred(), s.correct(), s.rule()).grounding(s.grounding());
    }

    /** A request that failed for good: no response, no answer, the error on one line. */
    public Builder failed(String why) {
      response = Optional.empty();
      error = Optional.of(why.replaceAll("\\s*\\R\\s*", " "));
      grounding = Optional.empty();
      return outcome(Optional.empty(), false, "failed");
    }

    public Builder latencyMs(long v) {
      latencyMs = v;
      return this;
    }

    public Builder attempts(int v) {
      attempts = Math.max(1, v);
      return this;
    }

    public Builder finishReason(Optional<String> v) {
      finishReason = v;
      return this;
    }

    public Builder usage(Optional<Usage> v) {
      usage = v;
      return this;
    }

    public Builder error(Optional<String> v) {
      error = v;
      return this;
    }

    public Builder imageSize(Optional<ImageSize> v) {
      imageSize = v;
      return this;
    }

    public Builder groundTruthScene(Optional<String> v) {
      groundTruthScene = v;
      return this;
    }

    public Builder grounding(Optional<Grounding> v) {
      grounding = v;
      return this;
    }

    public Builder fields(Map<String, String> v) {
      fields = v;
      return this;
    }

    public Prediction build() {
      return new Prediction(
          benchmark,
          index,
          id,
          task,
          source,
          promptHash,
          response,
          pred,
          answer,
          correct,
          choices,
          rule,
          latencyMs,
          attempts,
          finishReason,
          usage,
          error,
          imageSize,
          groundTruthScene,
          grounding,
          fields);
    }
  }
}
