package spatialthinker.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntervalTest {

  @Test
  void wilsonMatchesPublishedValues() {
    // Reference values: Newcombe (1998), Table I, method 3 (Wilson without correction).
    Interval a = Interval.wilson(81, 263);
    assertThat(a.lower()).isCloseTo(0.2553, within(1e-4));
    assertThat(a.upper()).isCloseTo(0.3662, within(1e-4));
    Interval b = Interval.wilson(15, 148);
    assertThat(b.lower()).isCloseTo(0.0624, within(1e-4));
    assertThat(b.upper()).isCloseTo(0.1605, within(1e-4));
  }

  @Test
  void staysInsideTheUnitIntervalAtTheEdges() {
    Interval none = Interval.wilson(0, 10);
    assertThat(none.lower()).isZero();
    assertThat(none.upper()).isCloseTo(0.2775, within(1e-4));
    Interval all = Interval.wilson(10, 10);
    assertThat(all.upper()).isEqualTo(1.0);
    assertThat(all.lower()).isCloseTo(0.7225, within(1e-4));
    assertThat(Interval.wilson(0, 0)).isEqualTo(new Interval(0, 1));
    assertThat(Interval.wilson(1, 2).percent()).isEqualTo("[9.5, 90.5]");
  }

  @Test
  void rejectsMoreCorrectThanItems() {
    assertThatThrownBy(() -> Interval.wilson(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 of 2");
  }
}
