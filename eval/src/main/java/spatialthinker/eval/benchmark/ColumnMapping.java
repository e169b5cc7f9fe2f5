package spatialthinker.eval.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which parquet columns hold an item's parts.
 *
 * @param images image columns in the order the images are sent; each an HF Image struct {@code
 *     {bytes, path}}, a list of such structs, raw bytes, or a path; a null cell means no image
 * @param question the instruction text; empty when the question is in the image (MMMU-Pro vision)
 * @param answer the ground truth (letter, option text, index, or free-form)
 * @param choices the options (a list of strings, or a string holding a Python/JSON list); empty
 *     when the options are written into the question or there are none
 * @param task the task or category; empty when the benchmark has one task
 * @param source the image source (CV-Bench's ADE20K/COCO/Omni3D)
 * @param id an item id; empty to use the row index
 * @param groundTruthScene the {@code <scene>…</scene>\n<answer>…</answer>} target, for grounding
 *     metrics (STVQA)
 */
public record ColumnMapping(
    List<String> images,
    Optional<String> question,
    String answer,
    Optional<String> choices,
    Optional<String> task,
    Optional<String> source,
    Optional<String> id,
    Optional<String> groundTruthScene) {

  public ColumnMapping {
    images = List.copyOf(Objects.requireNonNull(images, "images"));
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(choices, "choices");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(groundTruthScene, "groundTruthScene");
    if (images.isEmpty()) {
      throw new IllegalArgumentException("a benchmark needs at least one image column");
    }
  }

  /** The usual layout: one image column, a question, an answer, optional choices and task. */
  public static ColumnMapping of(String image, String question, String answer) {
    return new ColumnMapping(
        List.of(image),
        Optional.of(question),
        answer,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** This mapping with other image columns, in sending order. */
  public ColumnMapping withImages(String... columns) {
    return new ColumnMapping(
        List.of(columns), question, answer, choices, task, source, id, groundTruthScene);
  }

  /** This mapping with an options column. */
  public ColumnMapping withChoices(String column) {
    return new ColumnMapping(
        images, question, answer, Optional.of(column), task, source, id, groundTruthScene);
  }

  /** This mapping with a task column. */
  public ColumnMapping withTask(String column) {
    return new ColumnMapping(
        images, question, answer, choices, Optional.of(column), source, id, groundTruthScene);
  }

  /** This mapping with an image-source column. */
  public ColumnMapping withSource(String column) {
    return new ColumnMapping(
        images, question, answer, choices, task, Optional.of(column), id, groundTruthScene);
  }

  /** This mapping with an id column. */
  public ColumnMapping withId(String column) {
    return new ColumnMapping(
        images, question, answer, choices, task, source, Optional.of(column), groundTruthScene);
  }

  /** This mapping with a scene-graph target column. */
  public ColumnMapping withGroundTruthScene(String column) {
    return new ColumnMapping(
        images, question, answer, choices, task, source, id, Optional.of(column));
  }

  /** This mapping without a question column (the question is in the image). */
  public ColumnMapping withoutQuestion() {
    return new ColumnMapping(
        images, Optional.empty(), answer, choices, task, source, id, groundTruthScene);
  }

  /** Every column this mapping reads. */
  public List<String> allColumns() {
    List<String> out = new ArrayList<>(images);
    question.ifPresent(out::add);
    out.add(answer);
    choices.ifPresent(out::add);
    task.ifPresent(out::add);
    source.ifPresent(out::add);
    id.ifPresent(out::add);
    groundTruthScene.ifPresent(out::add);
    return out;
  }
}
