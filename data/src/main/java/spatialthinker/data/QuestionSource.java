package spatialthinker.data;

import java.util.List;
import spatialthinker.scenes.Scene;

/**
 * Writes questions about a scene: from templates over the scene's truth ({@link
 * spatialthinker.data.synth.TemplateQuestions}) or by asking a language model ({@link
 * spatialthinker.data.llm.LlmQuestions}). Implementations are thread-safe.
 */
public interface QuestionSource {

  /**
   * The questions for one scene; empty when it supports none.
   *
   * @throws SceneSkippedException when the scene cannot be used, with the reason
   */
  List<QaItem> questions(Scene scene);

  /**
   * True when the balancer should make every option class the answer equally often within each
   * question template and option set ({@link Balancer}); right for questions written from
   * templates, whose phrasings repeat, and not for free-form questions, whose templates do not.
   */
  default boolean balancesAnswers() {
    return false;
  }
}
