package spatialthinker.eval.score;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import spatialthinker.clients.Usage;

/**
 * One line of {@code predictions.jsonl}: an item, what the model said, and how it scored. A failed
 * request has an {@code error}, no response and no answer, and counts as incorrect.
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
    Optional<Grounding> grounding) {

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
}
