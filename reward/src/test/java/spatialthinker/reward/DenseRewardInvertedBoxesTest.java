package spatialthinker.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays records with inverted ({@code x2 < x1}) and degenerate boxes scored by {@code
 * reference/restate_spatial_sgg.py}, a restatement of the paper's {@code spatial_sgg.py}: {@code
 * dense} gives the reference's values, negative spatial terms included; {@code dense-clamped} gives
 * the same values clamped to [0, 1].
 */
class DenseRewardInvertedBoxesTest {

  private static final double TOLERANCE = 1e-9;

  private final RewardPresets presets = RewardPresets.exactLabels();

  @Test
  void denseReproducesTheReferenceOnInvertedAndDegenerateBoxes() throws IOException {
    Reward dense = presets.create("dense");
    List<JsonNode> records = load();
    assertThat(records).hasSize(78);
    int negative = 0;
    for (JsonNode r : records) {
      RewardScore s = dense.score(input(r));
      JsonNode e = r.get("expected");
      String at = r.get("case").asText();
      assertThat(s.format()).as(at + " format").isCloseTo(e.get("format").asDouble(), within(0.0));
      assertThat(s.count()).as(at + " count").isCloseTo(e.get("count").asDouble(), within(1e-12));
      assertThat(s.accuracy()).as(at + " accuracy").isEqualTo(e.get("accuracy").asDouble());
      assertThat(s.spatial())
          .as(at + " spatial")
          .isCloseTo(e.get("spatial").asDouble(), within(TOLERANCE));
      assertThat(s.overall())
          .as(at + " overall")
          .isCloseTo(e.get("overall").asDouble(), within(TOLERANCE));
      negative += e.get("spatial").asDouble() < 0 ? 1 : 0;
    }
    // The fixture holds cases where the reference's spatial term is below 0.
    assertThat(negative).isGreaterThanOrEqualTo(10);
  }

  @Test
  void clampedPresetClampsTheReferenceSpatialTerm() throws IOException {
    Reward clamped = presets.create("dense-clamped");
    assertThat(clamped.name()).isEqualTo("dense-clamped");
    for (JsonNode r : load()) {
      RewardScore s = clamped.score(input(r));
      JsonNode e = r.get("expected");
      double spatial = Math.min(1.0, Math.max(0.0, e.get("spatial").asDouble()));
      double overall =
          0.1 * e.get("format").asDouble()
              + 0.2 * e.get("count").asDouble()
              + 0.5 * e.get("accuracy").asDouble()
              + 0.2 * spatial;
      String at = r.get("case").asText();
      assertThat(s.spatial()).as(at + " spatial").isCloseTo(spatial, within(TOLERANCE));
      assertThat(s.overall()).as(at + " overall").isCloseTo(overall, within(TOLERANCE));
      assertThat(s.overall()).as(at + " overall range").isBetween(0.0, 1.0);
    }
  }

  @Test
  void clampOverrideTurnsClampingOnAndOff() throws IOException {
    JsonNode negative =
        load().stream()
            .filter(r -> r.get("case").asText().equals("inverted in x, thin in y"))
            .findFirst()
            .orElseThrow();
    double reference = negative.get("expected").get("spatial").asDouble();
    assertThat(reference).isNegative();
    assertThat(presets.create("dense:clamp=true").score(input(negative)).spatial()).isZero();
    assertThat(presets.create("dense-clamped:clamp=false").score(input(negative)).spatial())
        .isCloseTo(reference, within(TOLERANCE));
  }

  private static RewardInput input(JsonNode r) {
    return new RewardInput(
        r.get("response").asText(), r.get("ground_truth").asText(), r.get("problem").asText());
  }

  static List<JsonNode> load() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                DenseRewardInvertedBoxesTest.class.getResourceAsStream(
                    "/reference/inverted_boxes.jsonl"),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.add(mapper.readTree(line));
      }
    }
    return out;
  }
}
