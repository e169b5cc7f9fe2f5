package spatialthinker.data;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import spatialthinker.core.graph.SceneGraph;

/**
 * One multiple-choice question about one image, before its options are shuffled: the options in the
 * order the generator wrote them, with the correct one at {@code answerIndex}.
 *
 * @param imageId the image it is about
 * @param category its category
 * @param question the question text, without options
 * @param options 2 to 4 distinct option texts, without letters
 * @param answerIndex index of the correct option
 * @param difficulty level and rating
 * @param subgraph the question-focused ground-truth scene graph: only the objects and relations the
 *     question refers to
 * @param observe short factual description for the teacher's {@code <observe>}
 * @param think short reasoning for the teacher's {@code <think>}, ending before the answer
 */
public record QaItem(
    String imageId,
    Category category,
    String question,
    List<String> options,
    int answerIndex,
    Difficulty difficulty,
    SceneGraph subgraph,
    String observe,
    String think) {

  public QaItem {
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(difficulty, "difficulty");
    Objects.requireNonNull(subgraph, "subgraph");
    Objects.requireNonNull(observe, "observe");
    Objects.requireNonNull(think, "think");
    options = List.copyOf(Objects.requireNonNull(options, "options"));
    String where = imageId + " " + category.word() + " '" + question + "'";
    if (question.isBlank()) {
      throw new IllegalArgumentException(imageId + ": question must not be blank");
    }
    if (options.size() < 2 || options.size() > 4) {
      throw new IllegalArgumentException(where + ": needs 2 to 4 options, got " + options);
    }
    Set<String> seen = new HashSet<>();
    for (String o : options) {
      if (o.isBlank() || !seen.add(o.strip().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(where + ": options must be distinct, got " + options);
      }
    }
    if (answerIndex < 0 || answerIndex >= options.size()) {
      throw new IllegalArgumentException(
          where + ": answerIndex " + answerIndex + " is outside " + options);
    }
  }

  /** The correct option's text. */
  public String answerText() {
    return options.get(answerIndex);
  }

  /** Key that identifies the question within its image, for de-duplication. */
  public String key() {
    return imageId + "\u001f" + question.strip().toLowerCase(Locale.ROOT);
  }
}
