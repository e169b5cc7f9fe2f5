package spatialthinker.train.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerTextTest {

  private static final String TRUTH = "<scene>{}</scene>\n<answer>(B) behind</answer>";

  @Test
  void theRightTextWithAnyLetterMatches() {
    assertThat(PolicyEvaluator.answerTextMatches("<answer>(B) behind</answer>", TRUTH)).isTrue();
    assertThat(
            PolicyEvaluator.answerTextMatches(
                "<think>x</think><answer>(D) Behind </answer>", TRUTH))
        .isTrue();
  }

  @Test
  void anotherTextOrNoAnswerDoesNot() {
    assertThat(PolicyEvaluator.answerTextMatches("<answer>(B) in front</answer>", TRUTH)).isFalse();
    assertThat(PolicyEvaluator.answerTextMatches("(B) behind", TRUTH)).isFalse();
    assertThat(PolicyEvaluator.answerTextMatches("<answer>(B)</answer>", "<answer>(B)</answer>"))
        .isFalse();
  }

  @Test
  void onlyTheFirstAnswerCounts() {
    assertThat(
            PolicyEvaluator.answerTextMatches(
                "<answer>(A) under</answer><answer>(B) behind</answer>", TRUTH))
        .isFalse();
  }

  @Test
  void evaluationAveragesIt() {
    var right = new ItemResult("relation", spatialthinker.reward.RewardScore.ZERO, 0, true, 3, "");
    var wrong = new ItemResult("relation", spatialthinker.reward.RewardScore.ZERO, 0, false, 3, "");
    assertThat(new Evaluation(java.util.List.of(right, wrong, wrong, right)).answerTextAccuracy())
        .isEqualTo(0.5);
  }
}
