package spatialthinker.reward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import spatialthinker.core.parse.ParseLimits;

class SparseRewardTest {

  private final SparseReward sparse = new SparseReward(ParseLimits.DEFAULT);
  private static final String GT = "<scene>{}</scene>\n<answer>(B) behind</answer>";

  private RewardScore score(String response) {
    return sparse.score(new RewardInput(response, GT, "no size needed"));
  }

  @Test
  void fullMarksForThinkThenAnswerWithTheRightChoice() {
    RewardScore s = score("<think>it is behind</think>\n <answer> (b) Behind </answer>");
    assertThat(s.format()).isEqualTo(1.0);
    assertThat(s.accuracy()).isEqualTo(1.0);
    assertThat(s.overall()).isEqualTo(1.0);
    assertThat(s.count()).isZero();
    assertThat(s.spatial()).isZero();
  }

  @Test
  void formatNeedsTheWholeResponseToBeThinkThenAnswer() {
    assertThat(score("x<think>a</think><answer>(B) behind</answer>").format()).isZero();
    assertThat(score("<think>a</think><answer>(B) behind</answer>x").format()).isZero();
    assertThat(score("<answer>(B) behind</answer><think>a</think>").format()).isZero();
    assertThat(score("<think>a</think>text<answer>(B) behind</answer>").format()).isZero();
    // Non-greedy bodies may hold other tags, as in the reference's fullmatch.
    assertThat(score("<think>a</think>x</think> <answer>y</answer>(B) behind</answer>").format())
        .isEqualTo(1.0);
  }

  @Test
  void wrongAnswerKeepsHalfForFormat() {
    RewardScore s = score("<think>a</think><answer>(A) left</answer>");
    assertThat(s.overall()).isEqualTo(0.5);
    assertThat(s.accuracy()).isZero();
  }

  @Test
  void answersWithoutTagsAreComparedWhole() {
    assertThat(score("(B) behind.").accuracy()).isEqualTo(1.0);
    assertThat(score("(B) behind.").format()).isZero();
  }

  @Test
  void answerSpanningLinesIsNotExtracted() {
    assertThat(SparseReward.answerOrWhole("<answer>a\nb</answer><answer>c</answer>"))
        .isEqualTo("c");
  }
}
