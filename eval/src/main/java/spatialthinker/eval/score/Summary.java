package spatialthinker.eval.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The scores of one run: accuracy overall and per task (failed requests and unanswered items count
 * as wrong), the benchmark's own scores, grounding metrics, and warnings such as a partial run or
 * per-task counts that differ from the benchmark's.
 *
 * @param benchmark the benchmark name
 * @param items items scored
 * @param expectedItems items in the full split (0: unknown)
 * @param answered items whose response gave an answer
 * @param noAnswer items whose response gave none
 * @param failed items whose request failed for good
 * @param accuracy accuracy over all items
 * @param tasks per-task accuracy, in the benchmark's task order
 * @param scores benchmark-specific scores by display name (CV-Bench 2D/3D/overall, view
 *     consistency, pair accuracy), in display order
 * @param grounding grounding metrics over items with a scene target
 * @param warnings one line each
 * @param badRows rows of the data left out of the score because they cannot be scored
 * @param badRowExamples the first few of them, one line each with the reason
 */
public record Summary(
    String benchmark,
    long items,
    long expectedItems,
    long answered,
    long noAnswer,
    long failed,
    Score accuracy,
    List<TaskScore> tasks,
    Map<String, Score> scores,
    Optional<GroundingSummary> grounding,
    List<String> warnings,
    long badRows,
    List<String> badRowExamples) {

  /**
   * Accuracy on one task.
   *
   * @param expected items of this task in the full split (0: unknown)
   */
  public record TaskScore(String task, long correct, Score accuracy, long expected) {}

  /**
   * Grounding metrics over the items with a scene target.
   *
   * @param items how many items have a scene target and a response
   * @param formatRate share of responses in the SpatialThinker format with a valid scene graph
   * @param meanIou mean matched-box IoU (0 for responses without a valid scene)
   * @param meanDenseReward mean dense reward
   */
  public record GroundingSummary(
      long items, double formatRate, double meanIou, double meanDenseReward) {}

  public Summary {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(accuracy, "accuracy");
    tasks = List.copyOf(tasks);
    scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    Objects.requireNonNull(grounding, "grounding");
    warnings = List.copyOf(warnings);
    badRowExamples = List.copyOf(badRowExamples);
  }
}
