package spatialthinker.eval.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The benchmarks' own protocol scores on small fixtures whose numbers are worked out by hand. */
class ProtocolMetricsTest {

  private static Prediction p(String bench, long i, boolean correct, Map<String, String> fields) {
    return Prediction.builder(bench, i)
        .response(Optional.of("x"))
        .answer("A")
        .choices(List.of("a", "b"))
        .outcome(Optional.of(correct ? "A" : "B"), correct, "r")
        .fields(fields)
        .build();
  }

  @Test
  void threeDsrCircularFlipAndCategoriesAsLmmsEval() {
    String[][] rows = {
      {"AAAAAAAA", "T", "height_higher"},
      {"AAAAAAAA-1", "T", "height_higher"},
      {"AAAAAAAA-flip", "F", "height_higher"},
      {"AAAAAAAA-flip-1", "T", "height_higher"},
      {"BBBBBBBB", "T", "location_above"},
      {"BBBBBBBB-flip", "T", "location_above"},
      {"CCCCCCCC", "F", "multi_object_facing"},
    };
    List<Prediction> preds = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      preds.add(
          p(
              "3dsrbench",
              i,
              rows[i][1].equals("T"),
              Map.of("qid", rows[i][0], "category", rows[i][2])));
    }
    Map<String, Score> s = Scoreboard.summarize("3dsrbench", preds).scores();
    // circular groups: AAAAAAAA {T,T} right, AAAAAAAA-flip {F,T} wrong, BBBBBBBB {T} right,
    // BBBBBBBB-flip {T} right, CCCCCCCC {F} wrong: 3 of 5
    assertThat(s.get("3DSRBench circular accuracy (all circular variants right)").value())
        .isEqualTo(3.0 / 5);
    // flip groups: AAAAAAAA {T,F} wrong, AAAAAAAA-1 {T,T} right, BBBBBBBB {T,T} right,
    // CCCCCCCC {F} wrong: 2 of 4
    assertThat(s.get("3DSRBench flip accuracy (question and flip right)").value())
        .isEqualTo(2.0 / 4);
    assertThat(s.get("3DSRBench flip accuracy (question and flip right)").n()).isEqualTo(4);
    // flip+circular: AAAAAAAA (4 items, one wrong) wrong, BBBBBBBB right, CCCCCCCC wrong: 1 of 3
    assertThat(s.get("3DSRBench flip+circular accuracy (all variants right)").value())
        .isEqualTo(1.0 / 3);
    assertThat(s.get("3DSRBench height / height_higher").value()).isEqualTo(3.0 / 4);
    assertThat(s.get("3DSRBench location / location_above").value()).isEqualTo(1.0);
    assertThat(s.get("3DSRBench multi_object / multi_object_facing").value()).isZero();
    assertThat(s).doesNotContainKey("3DSRBench orientation / orientation_viewpoint");
  }

  @Test
  void threeDsrWithoutQidSaysSo() {
    Summary s =
        Scoreboard.summarize(
            "3dsrbench", List.of(p("3dsrbench", 0, true, Map.of("category", "height_higher"))));
    assertThat(s.scores()).doesNotContainKey("3DSRBench flip accuracy (question and flip right)");
    assertThat(s.warnings()).anyMatch(w -> w.contains("need a 'qid' column"));
  }

  private static Map<String, String> hb(String cat, String set, String fig, String q) {
    return Map.of(
        "category", cat,
        "subcategory", cat.equals("VD") ? "illusion" : "chart",
        "set_id", set,
        "figure_id", fig,
        "question_id", q);
  }

  @Test
  void hallusionBenchQuestionFigureAndAllAccuracy() {
    List<Prediction> preds =
        List.of(
            p("hallusionbench", 0, true, hb("VD", "0", "0", "0")),
            p("hallusionbench", 1, false, hb("VD", "0", "1", "0")),
            p("hallusionbench", 2, true, hb("VD", "0", "0", "1")),
            p("hallusionbench", 3, true, hb("VD", "0", "1", "1")),
            p("hallusionbench", 4, true, hb("VS", "1", "0", "0")),
            p("hallusionbench", 5, true, hb("VS", "1", "1", "0")));
    Map<String, Score> s = Scoreboard.summarize("hallusionbench", preds).scores();
    // questions: VD/0/q0 {T,F} wrong, VD/0/q1 {T,T} right, VS/1/q0 {T,T} right: 2 of 3
    assertThat(s.get("HallusionBench qAcc (question pairs all right)").value()).isEqualTo(2.0 / 3);
    // figures: VD/0/f0 {T,T} right, VD/0/f1 {F,T} wrong, VS/1/f1 {T} right; VS/1/f0 is the
    // question asked without a figure and has none to score: 2 of 3
    assertThat(s.get("HallusionBench fAcc (figures all right)").value()).isEqualTo(2.0 / 3);
    assertThat(s.get("HallusionBench fAcc (figures all right)").n()).isEqualTo(3);
    assertThat(s.get("HallusionBench aAcc (all questions)").value()).isEqualTo(5.0 / 6);
  }

  @Test
  void mmmuProAccuracyPerSubject() {
    List<Prediction> preds =
        List.of(
            p("mmmu-pro", 0, true, Map.of("subject", "Art")),
            p("mmmu-pro", 1, false, Map.of("subject", "Art")),
            p("mmmu-pro", 2, true, Map.of("subject", "Biology")));
    Map<String, Score> s = Scoreboard.summarize("mmmu-pro", preds).scores();
    assertThat(s.get("subject Art").value()).isEqualTo(0.5);
    assertThat(s.get("subject Art").n()).isEqualTo(2);
    assertThat(s.get("subject Biology").value()).isEqualTo(1.0);
    assertThat(Scoreboard.summarize("mmmu-pro-vision", preds).scores()).containsKey("subject Art");
  }

  @Test
  void fieldsSurviveThePredictionLog() {
    Prediction q = p("3dsrbench", 3, true, Map.of("qid", "AAAAAAAA-flip", "category", "x"));
    Prediction back = PredictionJson.read(readLine(PredictionJson.write(q)));
    assertThat(back.fields()).isEqualTo(q.fields());
    assertThat(back).isEqualTo(q);
  }

  private static com.fasterxml.jackson.databind.JsonNode readLine(String line) {
    try {
      return PredictionJson.JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
