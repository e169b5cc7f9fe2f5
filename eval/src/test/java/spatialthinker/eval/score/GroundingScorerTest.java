package spatialthinker.eval.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroundingScorerTest {

  private static final String TRUTH =
      "<scene>{\"objects\":[{\"id\":\"cube.1\",\"bbox\":[10,10,50,50]},"
          + "{\"id\":\"cone.1\",\"bbox\":[100,100,140,160]}],\"relationships\":[]}</scene>\n"
          + "<answer>(A) left</answer>";

  private static String response(String objects) {
    return "<observe>two</observe><scene>{\"objects\":["
        + objects
        + "],\"relationships\":[]}</scene><think>so</think><answer>(A) left</answer>";
  }

  @Test
  void boxesAreMatchedByLabelAndOverlapWhateverTheirOrder() {
    GroundingScorer s = new GroundingScorer();
    Grounding g =
        s.score(
                response(
                    "{\"id\":\"cone.1\",\"bbox\":[100,100,140,160]},"
                        + "{\"id\":\"cube.1\",\"bbox\":[10,10,50,30]}"),
                TRUTH,
                256,
                256)
            .orElseThrow();
    assertThat(g.matchedIou())
        .isCloseTo((1.0 + 0.5) / 2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(g.formatOk()).isTrue();
  }

  /**
   * The dense reward's spatial term is unclamped, as the reference's: inverted boxes go below 0.
   */
  @Test
  void invertedBoxesWithTheRightAnswerScoreWithoutFailing() {
    GroundingScorer s = new GroundingScorer();
    Grounding g =
        s.score(
                response(
                    "{\"id\":\"cube.1\",\"bbox\":[250,250,0,0]},"
                        + "{\"id\":\"cone.1\",\"bbox\":[255,255,1,1]}"),
                TRUTH,
                256,
                256)
            .orElseThrow();
    assertThat(g.matchedIou()).isZero();
    assertThat(Double.isFinite(g.denseReward())).isTrue();
  }
}
