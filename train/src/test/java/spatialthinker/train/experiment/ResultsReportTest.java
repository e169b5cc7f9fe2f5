package spatialthinker.train.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsReportTest {

  private static ArmResult r(String arm, long seed, double acc, double text) {
    return new ArmResult(
        arm, seed, acc, text, 0.4, 0.05, 0.9, Map.of("depth", acc, "relation", acc / 2));
  }

  @Test
  void perArmRowsCarryMeanAndStudentIntervalOverSeeds() {
    String md =
        ResultsReport.markdown(
            "T",
            "spatialthinker train experiment --seeds 3",
            "Data: x.",
            List.of("sft", "dense"),
            List.of(
                r("sft", 1, 0.10, 0.40),
                r("dense", 1, 0.20, 0.50),
                r("sft", 2, 0.20, 0.40),
                r("dense", 2, 0.20, 0.50),
                r("sft", 3, 0.30, 0.40),
                r("dense", 3, 0.20, 0.50)),
            List.of("results-curve-accuracy.svg"));
    // sft accuracy: mean 20.0, sd 10.0, t(2) = 4.303 => half-width 4.303 * 10 / sqrt(3) = 24.8
    assertThat(md)
        .contains("mean ± 95% CI over 3 seeds")
        .contains(
            "| sft | 20.0 ± 24.8 | 40.0 ± 0.0 | 0.400 ± 0.000 | 0.050 ± 0.000 | 0.900 ± 0.000 |")
        .contains("| dense | 20.0 ± 0.0 | 50.0 ± 0.0 |")
        .contains("| arm | depth | relation |")
        .contains("| sft | 20.0 ± 24.8 | 10.0 ± 12.4 |")
        .contains("| dense | 3 | 20.0 | 50.0 | 0.400 | 0.050 |")
        .contains("![results-curve-accuracy.svg](results-curve-accuracy.svg)")
        .contains("spatialthinker train experiment --seeds 3")
        // dense - sft per seed: +10, 0, -10 points => mean 0.0, sd 10, half-width 24.8
        .contains("| dense | 0.0 ± 24.8 | 1 of 3 | 0.000 ± 0.000 | 0.000 ± 0.000 |");
  }

  @Test
  void aSingleSeedShowsTheMeanAlone() {
    String md =
        ResultsReport.markdown(
            "T", "cmd", "d", List.of("sft"), List.of(r("sft", 1, 0.25, 0.5)), List.of());
    assertThat(md).contains("over 1 seed)").contains("| sft | 25.0 | 50.0 | 0.400 |");
    assertThat(md).doesNotContain("Learning curves").doesNotContain("Gain over");
  }
}
