package spatialthinker.eval.score;

import java.util.Optional;
import spatialthinker.core.answer.AnswerExtractor;
import spatialthinker.core.answer.Choices;
import spatialthinker.core.answer.Extraction;
import spatialthinker.core.answer.FreeFormAnswer;

/**
 * Reads the answer from a response and scores it against a normalised ground truth, the same way
 * for a live run and for re-scoring saved predictions. Thread-safe.
 */
public final class ItemScorer {

  private final AnswerExtractor extractor = new AnswerExtractor();
  private final GroundingScorer grounding = new GroundingScorer();

  /**
   * Scores one response.
   *
   * @param choices the options; empty for a free-form question
   * @param answer the normalised ground truth: a letter, or the free-form normal form
   * @param groundTruthScene the scene target, for grounding metrics
   * @param imageSize width and height of the first image as sent (for the dense reward)
   */
  public Scored score(
      String response,
      Choices choices,
      String answer,
      Optional<String> groundTruthScene,
      Optional<int[]> imageSize) {
    Extraction e =
        choices.isEmpty()
            ? extractor.extractFreeForm(response)
            : extractor.extract(response, choices);
    boolean correct =
        e.answer()
            .map(p -> choices.isEmpty() ? FreeFormAnswer.matches(p, answer) : p.equals(answer))
            .orElse(false);
    Optional<Grounding> g = Optional.empty();
    if (groundTruthScene.isPresent() && imageSize.isPresent()) {
      g = grounding.score(response, groundTruthScene.get(), imageSize.get()[0], imageSize.get()[1]);
    }
    return new Scored(e.answer(), correct, e.rule(), g);
  }
}
