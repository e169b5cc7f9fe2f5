package spatialthinker.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

  @Test
  void ticksCoverTheRangeWithRoundSteps() {
    assertThat(SvgChart.ticks(0, 1)).containsExactly(0, 0.25, 0.5, 0.75, 1.0);
    double[] t = SvgChart.ticks(3.2, 97.1);
    assertThat(t[0]).isLessThanOrEqualTo(3.2);
    assertThat(t[t.length - 1]).isGreaterThanOrEqualTo(97.1);
    assertThat(t.length).isBetween(4, 7);
    assertThat(SvgChart.ticks(5, 5)).hasSizeGreaterThan(1);
  }

  @Test
  void movingAverageSkipsGaps() {
    double[] m = SvgChart.ema(new double[] {1, Double.NaN, 3}, 0.5);
    assertThat(m[0]).isEqualTo(1);
    assertThat(m[1]).isNaN();
    assertThat(m[2]).isEqualTo(2);
  }

  @Test
  void drawsNothingForSeriesWithoutFinitePoints() {
    SvgChart.Series s =
        new SvgChart.Series(
            "a", "#000", new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}, false);
    assertThat(SvgChart.lines("step", List.of(s))).isEmpty();
  }

  @Test
  void barsEscapeTheirLabels() {
    DataSection.Bars b =
        new DataSection.Bars(
            "t", List.of("<x>"), List.of(new DataSection.BarSeries("s", new double[] {0.5})), true);
    assertThat(SvgChart.bars(b, List.of("#111"))).contains("&lt;x&gt;").contains("50.0%");
  }
}
