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
 * @param fields columns read when the data has them, for protocol metrics (3DSRBench {@code qid}
 *     and {@code category}, HallusionBench's set, figure and question ids, MMMU-Pro {@code
 *     subject}); a file without them is scored without those metrics
 */
public record ColumnMapping(
    List<String> images,
    Optional<String> question,
    String answer,
    Optional<String> choices,
    Optional<String> task,
    Optional<String> source,
    Optional<String> id,
    Optional<String> groundTruthScene,
    List<String> fields) {

  public ColumnMapping {
    images = List.copyOf(Objects.requireNonNull(images, "images"));
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(choices, "choices");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(groundTruthScene, "groundTruthScene");
    fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
    if (images.isEmpty()) {
      throw new IllegalArgumentException("a benchmark needs at least one image column");
    }
  }

  /** Every column this mapping requires (the optional {@code fields} aside). */
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
