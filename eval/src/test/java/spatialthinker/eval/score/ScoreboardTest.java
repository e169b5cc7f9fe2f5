package spatialthinker.eval.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScoreboardTest {

  private static Prediction p(String bench, long i, String task, String source, boolean correct) {
    return Prediction.builder(bench, i)
        .id("" + i)
        .task(task)
        .source(Optional.ofNullable(source))
        .promptHash("h")
        .response(Optional.of("x"))
        .answer("A")
        .choices(List.of("a", "b"))
        .outcome(Optional.of(correct ? "A" : "B"), correct, "r")
        .latencyMs(1)
        .attempts(1)
        .finishReason(Optional.empty())
        .usage(Optional.empty())
        .error(Optional.empty())
        .imageSize(Optional.empty())
        .groundTruthScene(Optional.empty())
        .grounding(Optional.empty())
        .build();
  }

  @Test
  void cvBenchCombinesSourcesAsItsAuthorsDefine() {
    List<Prediction> preds = new ArrayList<>();
    long i = 0;
    // ADE20K 3/4, COCO 1/2, Omni3D 1/4
    for (boolean c : new boolean[] {true, true, true, false}) {
      preds.add(p("cv-bench", i++, "Count", "ADE20K", c));
    }
    for (boolean c : new boolean[] {true, false}) {
      preds.add(p("cv-bench", i++, "Relation", "COCO", c));
    }
    for (boolean c : new boolean[] {true, false, false, false}) {
      preds.add(p("cv-bench", i++, "Depth", "Omni3D", c));
    }
    Summary s = Scoreboard.summarize("cv-bench", preds);
    double twoD = (0.75 + 0.5) / 2;
    assertThat(s.scores().get("CV-Bench 2D = mean(ADE20K, COCO)").value())
        .isCloseTo(twoD, within(1e-12));
    assertThat(s.scores().get("CV-Bench 3D = Omni3D").value()).isCloseTo(0.25, within(1e-12));
    assertThat(s.scores().get("CV-Bench overall = mean(2D, 3D)").value())
        .isCloseTo((twoD + 0.25) / 2, within(1e-12));
    assertThat(s.accuracy().value()).isCloseTo(5.0 / 10, within(1e-12));
    assertThat(s.accuracy().stderr()).isCloseTo(Math.sqrt(0.5 * 0.5 / 10), within(1e-12));
    assertThat(s.tasks())
        .extracting(Summary.TaskScore::task)
        .startsWith("Count", "Relation", "Depth");
    assertThat(s.warnings()).anyMatch(w -> w.contains("10 of the 2638 items"));
  }

  @Test
  void viewConsistencyNeedsBothViewsOfAPairRight() {
    List<Prediction> preds =
        List.of(
            p("3dsrbench-full", 0, "height", null, true),
            p("3dsrbench-full", 1, "height", null, true),
            p("3dsrbench-full", 2, "location", null, true),
            p("3dsrbench-full", 3, "location", null, false),
            p("3dsrbench-full", 4, "location", null, true));
    Score vc =
        Scoreboard.summarize("3dsrbench-full", preds)
            .scores()
            .get("view consistency (both views right)");
    assertThat(vc.n()).isEqualTo(2);
    assertThat(vc.value()).isEqualTo(0.5);
  }

  @Test
  void failuresCountAsWrongAndAreWarnedAbout() {
    Prediction failed =
        Prediction.builder("mmvp", 1)
            .id("1")
            .task("mmvp")
            .source(Optional.empty())
            .promptHash("h")
            .response(Optional.empty())
            .answer("A")
            .choices(List.of("a", "b"))
            .outcome(Optional.empty(), false, "failed")
            .latencyMs(1)
            .attempts(6)
            .finishReason(Optional.empty())
            .usage(Optional.empty())
            .error(Optional.of("gave up after 6 attempts: HTTP 500"))
            .imageSize(Optional.empty())
            .groundTruthScene(Optional.empty())
            .grounding(Optional.empty())
            .build();
    Summary s = Scoreboard.summarize("mmvp", List.of(p("mmvp", 0, "mmvp", null, true), failed));
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.accuracy().value()).isEqualTo(0.5);
    assertThat(s.warnings()).anyMatch(w -> w.contains("1 request(s) failed"));
    assertThat(s.scores().get("pair accuracy (both images right)").value()).isZero();
  }

  @Test
  void groundingAveragesOverItemsWithASceneTarget() {
    Prediction g1 =
        Prediction.builder("stvqa", 0)
            .id("0")
            .task("relation")
            .source(Optional.empty())
            .promptHash("h")
            .response(Optional.of("x"))
            .answer("A")
            .choices(List.of("a", "b"))
            .outcome(Optional.of("A"), true, "r")
            .latencyMs(1)
            .attempts(1)
            .finishReason(Optional.empty())
            .usage(Optional.empty())
            .error(Optional.empty())
            .imageSize(Optional.empty())
            .groundTruthScene(Optional.of("<scene>{}</scene>"))
            .grounding(Optional.of(new Grounding(true, 0.8, 0.9)))
            .build();
    Prediction g2 =
        Prediction.builder("stvqa", 1)
            .id("1")
            .task("relation")
            .source(Optional.empty())
            .promptHash("h")
            .response(Optional.of("x"))
            .answer("A")
            .choices(List.of("a", "b"))
            .outcome(Optional.empty(), false, "r")
            .latencyMs(1)
            .attempts(1)
            .finishReason(Optional.empty())
            .usage(Optional.empty())
            .error(Optional.empty())
            .imageSize(Optional.empty())
            .groundTruthScene(Optional.of("<scene>{}</scene>"))
            .grounding(Optional.of(new Grounding(false, 0.0, 0.0)))
            .build();
    Summary.GroundingSummary g =
        Scoreboard.summarize("stvqa", List.of(g1, g2)).grounding().orElseThrow();
    assertThat(g.items()).isEqualTo(2);
    assertThat(g.formatRate()).isEqualTo(0.5);
    assertThat(g.meanIou()).isCloseTo(0.4, within(1e-12));
    assertThat(g.meanDenseReward()).isCloseTo(0.45, within(1e-12));
    assertThat(SummaryFormat.markdown(Scoreboard.summarize("stvqa", List.of(g1, g2)), "t"))
        .contains("| relation | 2 | 1 | 50.0 ± 35.4 |")
        .contains("format 50.0 %");
  }
}
