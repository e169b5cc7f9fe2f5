package spatialthinker.train.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MinibatchesTest {

  private static int[] order(int n) {
    return IntStream.range(0, n).map(i -> (i * 7 + 3) % n).toArray();
  }

  @Test
  void cutsIntoExactlyTheConfiguredNumberOfNearEqualBatches() {
    // 10 rows in 6 ways: a ceiling-sized cut would make only 5 batches of 2
    List<int[]> b = GrpoTrainer.minibatches(order(10), 6);
    assertThat(b).hasSize(6);
    assertThat(b.stream().mapToInt(a -> a.length).toArray()).containsExactly(2, 2, 2, 2, 1, 1);
    assertThat(b.stream().flatMapToInt(IntStream::of).toArray()).containsExactly(order(10));
    assertThat(GrpoTrainer.minibatches(order(64), 4)).allSatisfy(a -> assertThat(a).hasSize(16));
    assertThat(GrpoTrainer.minibatches(order(5), 5)).allSatisfy(a -> assertThat(a).hasSize(1));
  }

  @Test
  void refusesMoreBatchesThanRows() {
    assertThatThrownBy(() -> GrpoTrainer.minibatches(order(3), 4))
        .hasMessage("cannot cut 3 rollouts into 4 update batches");
  }

  @Test
  void diagnosticsAreMeansOverTheUpdatesMade() {
    UpdateMeans u = new UpdateMeans();
    u.add(1.0, new GrpoLoss.Result(null, 0.1, 0.02, 0.9, 0.0), 2.0);
    u.add(2.0, new GrpoLoss.Result(null, 0.3, 0.04, 1.9, 0.5), 4.0);
    u.add(6.0, new GrpoLoss.Result(null, 0.5, 0.06, 5.9, 0.1), 0.0);
    Map<String, Object> v = new LinkedHashMap<>();
    u.putInto(v);
    assertThat(u.updates()).isEqualTo(3);
    assertThat((double) v.get("loss")).isCloseTo(3.0, within(1e-12));
    assertThat((double) v.get("clip_fraction")).isCloseTo(0.3, within(1e-12));
    assertThat((double) v.get("kl")).isCloseTo(0.04, within(1e-12));
    assertThat((double) v.get("dual_clip_fraction")).isCloseTo(0.2, within(1e-12));
    assertThat((double) v.get("grad_norm")).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void noUpdateIsAnError() {
    assertThatThrownBy(() -> new UpdateMeans().putInto(new LinkedHashMap<>()))
        .isInstanceOf(IllegalStateException.class);
  }
}
