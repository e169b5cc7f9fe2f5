package spatialthinker.scenes.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameTest {

  @ParameterizedTest(name = "samples {0} {1} {2} {3} -> {4}")
  @CsvSource({
    "3, 3, 3, 3, 3",
    "0, 2, 2, 2, 2",
    "0, 0, 2, 2, 2", // tie with the background: the object
    "2, 2, 0, 0, 2",
    "1, 1, 2, 2, 1", // tie between objects: first in row-major order
    "2, 1, 1, 2, 2",
    "0, 0, 0, 1, 0",
    "0, 1, 2, 3, 1", // all different: first object
    "0, 0, 1, 2, 0"
  })
  void pixelShowsTheMajorityOfItsSamples(int a, int b, int c, int d, int expected) {
    assertThat(Frame.majority(a, b, c, d)).isEqualTo(expected);
  }
}
