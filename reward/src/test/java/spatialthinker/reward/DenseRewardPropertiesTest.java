package spatialthinker.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DenseRewardPropertiesTest {

  private static final String[] NAMES = {"cup", "mug", "table", "chair", "man", "dog", "cube"};
  private final Reward dense = RewardPresets.exactLabels().create("dense");

  static Stream<Long> seeds() {
    return IntStream.range(0, 300).mapToObj(i -> 1000L + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void scoreIsInvariantToTheOrderOfObjects(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> gt = objects(rng, 1 + rng.nextInt(5));
    List<String> pred = objects(rng, rng.nextInt(7));
    String truth =
        "<scene>{\"objects\": [" + String.join(", ", gt) + "]}</scene><answer>A</answer>";
    RewardScore base = dense.score(input(pred, truth));
    List<String> shuffledPred = new ArrayList<>(pred);
    Collections.shuffle(shuffledPred, new Random(seed));
    List<String> shuffledGt = new ArrayList<>(gt);
    Collections.shuffle(shuffledGt, new Random(seed + 1));
    String shuffledTruth =
        "<scene>{\"objects\": [" + String.join(", ", shuffledGt) + "]}</scene><answer>A</answer>";
    RewardScore shuffled = dense.score(input(shuffledPred, shuffledTruth));
    assertThat(shuffled.overall()).isCloseTo(base.overall(), within(1e-12));
    assertThat(shuffled.spatial()).isCloseTo(base.spatial(), within(1e-12));
    assertThat(base.format()).isEqualTo(1.0);
  }

  private static RewardInput input(List<String> pred, String truth) {
    String response =
        "<observe>o</observe><scene>{\"objects\": ["
            + String.join(", ", pred)
            + "]}</scene><think>t</think><answer>a</answer>";
    return new RewardInput(response, truth, "Image size: (320 x 240)");
  }

  private static List<String> objects(SplittableRandom rng, int n) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double x1 = rng.nextDouble(0, 250);
      double y1 = rng.nextDouble(0, 180);
      out.add(
          String.format(
              java.util.Locale.ROOT,
              "{\"id\": \"%s.%d\", \"bbox\": [%.3f, %.3f, %.3f, %.3f]}",
              NAMES[rng.nextInt(NAMES.length)],
              k + 1,
              x1,
              y1,
              x1 + rng.nextDouble(2, 70),
              y1 + rng.nextDouble(2, 60)));
    }
    return out;
  }
}
