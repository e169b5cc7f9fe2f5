package spatialthinker.eval.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import spatialthinker.core.answer.Choices;

/**
 * An item of a benchmark without its images.
 *
 * @param index the item's position in the data's fixed order (file name, then row), from 0
 * @param id the item's id in the data set, or its index
 * @param task the task or category
 * @param source the image source, where the benchmark records one (CV-Bench)
 * @param question the instruction as the data set holds it
 * @param choices the options; empty for a free-form question
 * @param answer the ground truth normalised: an option letter, or the free-form normal form
 * @param answerRaw the ground truth as stored
 * @param groundTruthScene the {@code <scene>…</scene>} target, for grounding metrics
 * @param fields the benchmark's optional metric columns this row has, as text
 */
public record ItemMeta(
    long index,
    String id,
    String task,
    Optional<String> source,
    String question,
    Choices choices,
    String answer,
    String answerRaw,
    Optional<String> groundTruthScene,
    Map<String, String> fields) {

  public ItemMeta {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(choices, "choices");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(answerRaw, "answerRaw");
    Objects.requireNonNull(groundTruthScene, "groundTruthScene");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
  }

  /** This item without metric fields. */
  public ItemMeta(
      long index,
      String id,
      String task,
      Optional<String> source,
      String question,
      Choices choices,
      String answer,
      String answerRaw,
      Optional<String> groundTruthScene) {
    this(index, id, task, source, question, choices, answer, answerRaw, groundTruthScene, Map.of());
  }

  /** True for a multiple-choice item (the answer is a letter). */
  public boolean isMultipleChoice() {
    return !choices.isEmpty();
  }
}
