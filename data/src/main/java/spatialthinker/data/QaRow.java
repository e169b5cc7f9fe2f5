package spatialthinker.data;

import java.util.List;
import java.util.Objects;

/**
 * One row of the QA data set: the STVQA-7K columns, then ours. {@code docs/data.md} describes each
 * column; {@link QaRows#build} makes rows from questions.
 *
 * @param qaId 16 hex digits of a stable hash of image id and question: the row's identity
 * @param imageId image id
 * @param imageName the image's relative path, the {@code path} of the {@code images} struct
 * @param imageFile where the image file lies, relative to the JSONL mirror (or absolute)
 * @param width image width in pixels
 * @param height image height in pixels
 * @param problem the SpatialThinker prompt with {@code Image size: (W x H)} and the question
 * @param questionOnly the question without options
 * @param questionWithOptions the question, {@code Options:} and {@code (A) text} lines
 * @param options option texts in letter order
 * @param answer {@code <scene>{json}</scene>\n<answer>B</answer>}
 * @param answerOnly the letter, {@code B}
 * @param answerText {@code <scene>{json}</scene>\n<answer>behind</answer>}
 * @param answerTextOnly the option text, {@code behind}
 * @param answerOptionText {@code <scene>{json}</scene>\n<answer>(B) behind</answer>}: the training
 *     target and reward ground truth
 * @param answerOptionTextOnly {@code (B) behind}
 * @param category category word
 * @param level easy, medium or hard
 * @param rating 1 to 10
 * @param source {@code synthetic} or {@code vg150}
 * @param split {@code train} or {@code val}
 * @param sceneId the scene's identity (see {@link SceneInfo#sceneId()})
 * @param teacherResponse a full SpatialThinker response for SFT
 * @param problemReasoning the plain reasoning prompt
 */
public record QaRow(
    String qaId,
    String imageId,
    String imageName,
    String imageFile,
    int width,
    int height,
    String problem,
    String questionOnly,
    String questionWithOptions,
    List<String> options,
    String answer,
    String answerOnly,
    String answerText,
    String answerTextOnly,
    String answerOptionText,
    String answerOptionTextOnly,
    String category,
    String level,
    int rating,
    String source,
    String split,
    String sceneId,
    String teacherResponse,
    String problemReasoning) {

  /** The split names. */
  public static final String TRAIN = "train";

  /** The validation split name, as STVQA-7K names it. */
  public static final String VAL = "val";

  public QaRow {
    Objects.requireNonNull(qaId, "qa_id");
    Objects.requireNonNull(imageId, "image_id");
    Objects.requireNonNull(imageName, "images.path");
    Objects.requireNonNull(imageFile, "image file");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(questionOnly, "question_only");
    Objects.requireNonNull(questionWithOptions, "question_with_options");
    options = List.copyOf(Objects.requireNonNull(options, "options"));
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(answerOnly, "answer_only");
    Objects.requireNonNull(answerText, "answer_text");
    Objects.requireNonNull(answerTextOnly, "answer_text_only");
    Objects.requireNonNull(answerOptionText, "answer_option_text");
    Objects.requireNonNull(answerOptionTextOnly, "answer_option_text_only");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(sceneId, "scene_id");
    Objects.requireNonNull(teacherResponse, "teacher_response");
    Objects.requireNonNull(problemReasoning, "problem_reasoning");
    if (options.size() < 2 || options.size() > 4) {
      throw new IllegalArgumentException(qaId + ": options must hold 2 to 4 texts, got " + options);
    }
    if (answerOnly.length() != 1 || answerOnly.charAt(0) - 'A' >= options.size()) {
      throw new IllegalArgumentException(
          qaId + ": answer_only must be a letter of the options, got '" + answerOnly + "'");
    }
    if (rating < 1 || rating > 10) {
      throw new IllegalArgumentException(qaId + ": rating must be in [1, 10], got " + rating);
    }
    if (!split.equals(TRAIN) && !split.equals(VAL)) {
      throw new IllegalArgumentException(qaId + ": split must be train or val, got " + split);
    }
  }

  /** Index of the correct option. */
  public int answerIndex() {
    return answerOnly.charAt(0) - 'A';
  }
}
