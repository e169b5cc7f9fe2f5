package spatialthinker.train.toy;

import java.util.List;

/** One toy QA row with every column of the QA data set plus {@code teacher_response}. */
public record ToyRow(
    String imageId,
    byte[] png,
    String problem,
    String questionOnly,
    String questionWithOptions,
    List<String> options,
    String answer,
    String answerOnly,
    String answerText,
    String answerOptionText,
    String category,
    String level,
    int rating,
    String split,
    String sceneId,
    String teacherResponse) {

  public ToyRow {
    options = List.copyOf(options);
  }
}
