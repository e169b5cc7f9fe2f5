package spatialthinker.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed records, one rule at a time. */
class DenseRewardTest {

  private static final String PROBLEM = "Where is the cup? Image size: (200 x 100)\n(A) left";
  private static final String GT =
      "<scene>{\"objects\": [{\"id\": \"cup.1\", \"bbox\": [0, 0, 100, 50]},"
          + " {\"id\": \"plate.1\", \"bbox\": [100, 0, 200, 100]}],"
          + " \"relationships\": [{\"subject\": \"cup.1\", \"predicate\": \"left of\","
          + " \"object\": \"plate.1\"}]}</scene>\n<answer>(A) left</answer>";

  private final Reward dense = RewardPresets.exactLabels().create("dense");

  private static String response(String scene, String answer) {
    return "<observe>cup and plate</observe><scene>"
        + scene
        + "</scene><think>cup is left</think><answer>"
        + answer
        + "</answer>";
  }

  private RewardScore score(String response) {
    return dense.score(new RewardInput(response, GT, PROBLEM));
  }

  @Test
  void perfectResponseScoresOneUpToTheCiouEpsilon() {
    String scene =
        "{\"objects\": [{\"id\": \"plate.1\", \"bbox\": [100, 0, 200, 100]},"
            + " {\"id\": \"cup.1\", \"bbox\": [0, 0, 100, 50]}], \"relationships\":"
            + " [{\"subject\": \"cup.1\", \"predicate\": \"left of\", \"object\": \"plate.1\"}]}";
    RewardScore s = score(response(scene, " (a) LEFT "));
    // Normalised boxes: cup [0,0,.5,.5] area .25, plate [.5,0,1,1] area .5.
    double cup = (0.25 / (0.25 + 1e-7) + 1) / 2;
    double plate = (0.5 / (0.5 + 1e-7) + 1) / 2;
    assertThat(s.format()).isEqualTo(1.0);
    assertThat(s.count()).isEqualTo(1.0);
    assertThat(s.accuracy()).isEqualTo(1.0);
    assertThat(s.spatial()).isCloseTo((cup + plate) / 2, within(1e-15));
    assertThat(s.overall()).isCloseTo(0.1 + 0.2 + 0.5 + 0.2 * (cup + plate) / 2, within(1e-15));
  }

  @Test
  void countMixesObjectsAndRelationsWhenTruthHasRelations() {
    // 3 objects for 2: o = 1 - 1/2; 0 relations for 1: r = 0; C = 0.7 * 0.5.
    String scene =
        "{\"objects\": [{\"id\": \"cup.1\", \"bbox\": [0, 0, 100, 50]},"
            + " {\"id\": \"plate.1\", \"bbox\": [100, 0, 200, 100]},"
            + " {\"id\": \"fork.1\", \"bbox\": [10, 10, 20, 20]}]}";
    RewardScore s = score(response(scene, "(B) right"));
    assertThat(s.count()).isCloseTo(0.35, within(1e-15));
    assertThat(s.accuracy()).isEqualTo(0.0);
    assertThat(s.spatial()).as("gated on accuracy").isEqualTo(0.0);
    assertThat(s.overall()).isCloseTo(0.1 + 0.2 * 0.35, within(1e-15));
  }

  @Test
  void spatialAveragesMatchedCiouOverTruthObjects() {
    // Only the cup, shifted right by half its width: IoU = (0.25*0.5)/(0.375+eps) in
    // normalised units, centre distance^2 0.0625, enclosing [0,0,.75,.5] diagonal^2 0.8125.
    String scene = "{\"objects\": [{\"id\": \"cup.1\", \"bbox\": [50, 0, 150, 50]}]}";
    RewardScore s = score(response(scene, "(A) left"));
    double iou = 0.125 / (0.375 + 1e-7);
    double cup = (iou - 0.0625 / (0.8125 + 1e-7) + 1) / 2;
    assertThat(s.spatial()).isCloseTo(cup / 2, within(1e-12));
    assertThat(s.count()).isCloseTo(0.7 * 0.5 + 0.3 * 0.0, within(1e-15));
  }

  @Test
  void matchingPrefersTheRightLabelOverABetterBox() {
    // A "plate" exactly on the cup's box and a "cup" on the plate's: labels decide the matching
    // (cost 2 per label mismatch), so each truth box is compared with the other object's box.
    String scene =
        "{\"objects\": [{\"id\": \"plate.1\", \"bbox\": [0, 0, 100, 50]},"
            + " {\"id\": \"cup.1\", \"bbox\": [100, 0, 200, 100]}]}";
    RewardScore s = score(response(scene, "(A) left"));
    double crossed =
        new spatialthinker.core.geometry.Box(0, 0, 0.5, 0.5)
            .ciou01(new spatialthinker.core.geometry.Box(0.5, 0, 1, 1));
    assertThat(s.spatial()).isCloseTo(crossed, within(1e-12));
  }

  @Test
  void predictionWithoutObjectsKeyPassesFormatButScoresNoCount() {
    RewardScore s = score(response("{\"relationships\": []}", "(A) left"));
    assertThat(s.format()).isEqualTo(1.0);
    assertThat(s.count()).isEqualTo(0.0);
    assertThat(s.spatial()).isEqualTo(0.0);
    assertThat(s.overall()).isCloseTo(0.6, within(1e-15));
  }

  @Test
  void emptyTruthSceneRewardsAnEmptyPrediction() {
    String gt = "<scene>{\"objects\": [], \"relationships\": []}</scene><answer>yes</answer>";
    RewardScore empty =
        dense.score(new RewardInput(response("{\"objects\": []}", "Yes"), gt, PROBLEM));
    assertThat(empty.count()).isEqualTo(1.0);
    assertThat(empty.spatial()).isEqualTo(1.0);
    assertThat(empty.overall()).isCloseTo(1.0, within(1e-15));
    RewardScore extra =
        dense.score(
            new RewardInput(
                response("{\"objects\": [{\"id\": \"a.1\", \"bbox\": [0,0,1,1]}]}", "yes"),
                gt,
                PROBLEM));
    assertThat(extra.count()).isEqualTo(0.0);
    assertThat(extra.spatial()).isEqualTo(0.0);
  }

  @Test
  void truthWithRelationsButNoObjectsGivesFullSpatial() {
    String gt =
        "<scene>{\"objects\": [], \"relationships\": [{\"subject\": \"a.1\", \"predicate\":"
            + " \"on\", \"object\": \"b.1\"}]}</scene><answer>yes</answer>";
    RewardScore s =
        dense.score(
            new RewardInput(
                response("{\"objects\": [{\"id\": \"a.1\", \"bbox\": [0,0,1,1]}]}", "yes"),
                gt,
                PROBLEM));
    assertThat(s.spatial()).isEqualTo(1.0);
    assertThat(s.count()).isCloseTo(0.0 * 0.7 + 0.0 * 0.3, within(1e-15));
  }

  @Test
  void formatFailureZeroesEverything() {
    String noObserve = "<scene>{\"objects\": []}</scene><think>t</think><answer>(A) left</answer>";
    assertThat(score(noObserve)).isEqualTo(RewardScore.ZERO);
    String twoAnswers = response("{\"objects\": []}", "(A) left") + "<answer>x</answer>";
    assertThat(score(twoAnswers)).isEqualTo(RewardScore.ZERO);
  }

  @Test
  void ungatedPresetScoresSpatialForWrongAnswers() {
    Reward ungated = RewardPresets.exactLabels().create("dense-ungated");
    String scene = "{\"objects\": [{\"id\": \"cup.1\", \"bbox\": [0, 0, 100, 50]}]}";
    RewardScore s = ungated.score(new RewardInput(response(scene, "(B) right"), GT, PROBLEM));
    assertThat(s.accuracy()).isEqualTo(0.0);
    assertThat(s.spatial()).isGreaterThan(0.49);
  }

  @Test
  void customWeightsApply() {
    Reward noCount = RewardPresets.exactLabels().create("dense:count=0,spatial=0.4");
    String scene = "{\"objects\": [{\"id\": \"cup.1\", \"bbox\": [0, 0, 100, 50]}]}";
    RewardScore s = noCount.score(new RewardInput(response(scene, "(A) left"), GT, PROBLEM));
    assertThat(s.overall()).isCloseTo(0.1 + 0.5 + 0.4 * s.spatial(), within(1e-15));
  }

  @Test
  void rejectsProblemsWithoutImageSize() {
    assertThatThrownBy(() -> dense.score(new RewardInput("x", GT, "no size here")))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("Image size: (W x H)");
    assertThatThrownBy(() -> dense.score(new RewardInput("x", GT, "Image size: (0 x 10)")))
        .hasMessageContaining("bad image size");
  }

  @Test
  void rejectsTruthObjectsWithoutBoxes() {
    String gt = "<scene>{\"objects\": [{\"id\": \"cup.1\"}]}</scene><answer>A</answer>";
    assertThatThrownBy(() -> dense.score(new RewardInput("x", gt, PROBLEM)))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("ground_truth objects[0].bbox");
  }

  @Test
  void readsImageSizeAsPythonIntDoes() {
    assertThat(ImageSize.fromProblem("Image size: ( 640 x 4_80)"))
        .isEqualTo(new ImageSize(640, 480));
  }
}
