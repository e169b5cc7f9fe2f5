package spatialthinker.train.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import spatialthinker.train.data.QaExample;

class RolloutBatchTest {

  private static final QaExample ROW =
      new QaExample(
          "img-1",
          new byte[] {1},
          "Where is the cube?",
          List.of("(A) left", "(B) right"),
          "<answer>(A) left</answer>",
          "relation",
          "train",
          Optional.empty());

  @Test
  void countsRolloutsAndSampledTokens() {
    RolloutBatch b =
        new RolloutBatch(
            Collections.nCopies(4, ROW),
            Collections.nCopies(4, new float[] {0f}),
            Collections.nCopies(4, new int[] {1, 2}),
            List.of(new int[] {5}, new int[] {5, 6}, new int[0], new int[] {7, 8, 9}),
            2);
    assertThat(b.size()).isEqualTo(4);
    assertThat(b.generatedTokens()).isEqualTo(6);
  }

  @Test
  void refusesMismatchedListsAndBrokenGroups() {
    assertThatThrownBy(
            () ->
                new RolloutBatch(
                    Collections.nCopies(4, ROW),
                    Collections.nCopies(4, new float[] {0f}),
                    Collections.nCopies(4, new int[] {1}),
                    Collections.nCopies(3, new int[] {1}),
                    2))
        .hasMessage("rollout batch: 4 rows, 4 images, 4 prompts, 3 responses");
    assertThatThrownBy(
            () ->
                new RolloutBatch(
                    Collections.nCopies(3, ROW),
                    Collections.nCopies(3, new float[] {0f}),
                    Collections.nCopies(3, new int[] {1}),
                    Collections.nCopies(3, new int[] {1}),
                    2))
        .hasMessage("rollout batch: 3 rollouts do not form groups of 2");
  }

  @Test
  void shuffledIsAPermutationFixedByTheSeed() {
    int[] a = GrpoTrainer.shuffled(50, new SplittableRandom(9));
    assertThat(a).containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, 50).toArray());
    assertThat(GrpoTrainer.shuffled(50, new SplittableRandom(9))).containsExactly(a);
  }
}
