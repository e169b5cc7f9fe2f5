package spatialthinker.train.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the QA data set as training reads it.
 *
 * @param imageId the image id
 * @param image the encoded image (PNG/JPEG bytes)
 * @param problem the full prompt, with {@code Image size: (W x H)}
 * @param options the answer options (may be empty when the column is absent)
 * @param groundTruth {@code <scene>{...}</scene>\n<answer>(B) behind</answer>}, what the reward
 *     compares against
 * @param category the question category
 * @param split {@code train} or {@code val}
 * @param teacherResponse the full SpatialThinker-format response for SFT, when the data has one
 */
public record QaExample(
    String imageId,
    byte[] image,
    String problem,
    List<String> options,
    String groundTruth,
    String category,
    String split,
    Optional<String> teacherResponse) {

  public QaExample {
    Objects.requireNonNull(imageId, "image_id");
    Objects.requireNonNull(image, "images");
    Objects.requireNonNull(problem, "problem");
    options = List.copyOf(Objects.requireNonNull(options, "options"));
    Objects.requireNonNull(groundTruth, "answer_option_text");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(teacherResponse, "teacher_response");
    if (image.length == 0) {
      throw new IllegalArgumentException("row " + imageId + ": images has no bytes");
    }
  }

  /** True for the training split. */
  public boolean isTrain() {
    return split.equals("train");
  }
}
