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
  void theAnswerIsRightWithTheRightLetterAndTextInAnyFormat() {
    assertThat(PolicyEvaluator.answerMatches("<answer> (b) Behind </answer>", TRUTH)).isTrue();
    assertThat(PolicyEvaluator.answerMatches("<think>x</think><answer>(B) behind</answer>", TRUTH))
        .isTrue();
    assertThat(PolicyEvaluator.answerMatches("<answer>(C) behind</answer>", TRUTH)).isFalse();
    assertThat(PolicyEvaluator.answerMatches("(B) behind", TRUTH)).isFalse();
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
    var right =
        new ItemResult("relation", spatialthinker.reward.RewardScore.ZERO, 0, false, true, 3, "");
    var wrong =
        new ItemResult("relation", spatialthinker.reward.RewardScore.ZERO, 0, true, false, 3, "");
    var e = new Evaluation(java.util.List.of(right, wrong, wrong, wrong));
    assertThat(e.answerTextAccuracy()).isEqualTo(0.25);
    assertThat(e.accuracy()).isEqualTo(0.75);
    assertThat(e.accuracyByCategory()).containsEntry("relation", 0.75);
  }
}
