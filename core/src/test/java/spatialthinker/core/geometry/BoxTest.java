package spatialthinker.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BoxTest {

  private static final Box UNIT = new Box(0, 0, 1, 1);

  @Test
  void computesIouOfHalfOverlappingSquares() {
    // Overlap 0.5 x 1 = 0.5; union 1 + 1 - 0.5 = 1.5.
    assertThat(UNIT.iou(new Box(0.5, 0, 1.5, 1))).isCloseTo(1.0 / 3.0, within(1e-12));
  }

  @Test
  void computesGiouOfDisjointSquares() {
    // No overlap; enclosing box 3 x 1 = 3, union 2: GIoU = 0 - (3 - 2) / 3.
    Box far = new Box(2, 0, 3, 1);
    assertThat(UNIT.giou(far)).isCloseTo(-1.0 / 3.0, within(1e-12));
    assertThat(UNIT.giou01(far)).isCloseTo(1.0 / 3.0, within(1e-12));
  }

  @Test
  void computesCiouWithCentreDistanceTerm() {
    // Same aspect ratio, so v = 0; IoU 1/3 (plus eps), centres 0.5 apart, enclosing diagonal^2 =
    // 1.5^2 + 1^2 = 3.25.
    Box shifted = new Box(0.5, 0, 1.5, 1);
    double iou = 0.5 / (1.5 + Box.CIOU_EPS);
    double expected = iou - 0.25 / (3.25 + Box.CIOU_EPS);
    assertThat(UNIT.ciou(shifted)).isCloseTo(expected, within(1e-15));
    assertThat(UNIT.ciou01(shifted)).isCloseTo((expected + 1) / 2, within(1e-15));
  }

  @Test
  void computesCiouWithAspectRatioTerm() {
    // Concentric boxes 2x1 and 1x2: IoU = 1 / 3, no centre distance,
    // v = 4/pi^2 (atan(1/2) - atan(2))^2, alpha = v / (1 - IoU + v).
    Box wide = new Box(-1, -0.5, 1, 0.5);
    Box tall = new Box(-0.5, -1, 0.5, 1);
    double iou = 1.0 / 3.0;
    double d = Math.atan(0.5) - Math.atan(2.0);
    double v = 4 / (Math.PI * Math.PI) * d * d;
    double alpha = v / (1 - iou + v);
    assertThat(wide.ciou(tall)).isCloseTo(iou - alpha * v, within(1e-6));
  }

  @Test
  void identicalBoxesHaveCiouOne() {
    Box b = new Box(10, 20, 110, 70);
    assertThat(b.iou(b)).isEqualTo(1.0);
    assertThat(b.ciou(b)).isCloseTo(1.0, within(1e-9));
    assertThat(b.ciou01(b)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void rejectsNonFiniteCoordinates() {
    assertThatThrownBy(() -> new Box(0, 0, Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> Box.of(new double[] {1, 2, 3}))
        .hasMessageContaining("4 numbers, got 3");
  }

  @Test
  void scalesEachAxis() {
    assertThat(new Box(10, 20, 30, 40).scale(0.5, 0.25)).isEqualTo(new Box(5, 5, 15, 10));
  }

  static Stream<Arguments> randomPairs() {
    SplittableRandom rng = new SplittableRandom(42);
    return IntStream.range(0, 500).mapToObj(i -> Arguments.of(random(rng), random(rng)));
  }

  private static Box random(SplittableRandom rng) {
    double x1 = rng.nextDouble(0, 1);
    double y1 = rng.nextDouble(0, 1);
    return new Box(x1, y1, x1 + rng.nextDouble(1e-3, 1), y1 + rng.nextDouble(1e-3, 1));
  }

  @ParameterizedTest
  @MethodSource("randomPairs")
  void overlapMeasuresAreSymmetricAndInRange(Box a, Box b) {
    assertThat(a.iou(b)).isEqualTo(b.iou(a)).isBetween(0.0, 1.0);
    assertThat(a.giou(b)).isCloseTo(b.giou(a), within(1e-15)).isBetween(-1.0, 1.0);
    assertThat(a.ciou(b)).isCloseTo(b.ciou(a), within(1e-15));
    // GIoU and CIoU only subtract penalties from IoU.
    assertThat(a.giou(b)).isLessThanOrEqualTo(a.iou(b) + 1e-12);
    assertThat(a.ciou(b)).isLessThanOrEqualTo(a.iou(b) + 1e-12);
    // CIoU01 is bounded by the IoU-based bound (IoU + 1) / 2.
    assertThat(a.ciou01(b)).isLessThanOrEqualTo((a.iou(b) + 1) / 2 + 1e-12);
    // Centre term < 1 and alpha * v <= 1 bound CIoU from below for proper boxes.
    assertThat(a.ciou(b)).isGreaterThan(-2.0);
    assertThat(a.giou01(b)).isBetween(0.0, 1.0);
  }
}
