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
 * Replays records scored by {@code golden/oracle.py}, an independent Python statement of the
 * reference reward's rules (scipy's assignment solver, exact label similarity), to 1e-9.
 */
class DenseRewardGoldenTest {

  private final Reward dense = RewardPresets.exactLabels().create("dense");

  @Test
  void reproducesOracleScoresForEveryComponent() throws IOException {
    List<JsonNode> records = load();
    assertThat(records).hasSize(600);
    int formatted = 0;
    int spatial = 0;
    for (int i = 0; i < records.size(); i++) {
      JsonNode r = records.get(i);
      RewardScore s =
          dense.score(
              new RewardInput(
                  r.get("response").asText(),
                  r.get("ground_truth").asText(),
                  r.get("problem").asText()));
      JsonNode e = r.get("expected");
      String at = "record " + (i + 1);
      assertThat(s.format()).as(at + " format").isCloseTo(e.get("format").asDouble(), within(1e-9));
      assertThat(s.count()).as(at + " count").isCloseTo(e.get("count").asDouble(), within(1e-9));
      assertThat(s.accuracy())
          .as(at + " accuracy")
          .isCloseTo(e.get("accuracy").asDouble(), within(1e-9));
      assertThat(s.spatial())
          .as(at + " spatial")
          .isCloseTo(e.get("spatial").asDouble(), within(1e-9));
      assertThat(s.overall())
          .as(at + " overall")
          .isCloseTo(e.get("overall").asDouble(), within(1e-9));
      formatted += s.format() == 1.0 ? 1 : 0;
      spatial += s.spatial() > 0 && s.spatial() < 1 ? 1 : 0;
    }
    // The fixture exercises both branches of the gate and partial spatial scores.
    assertThat(formatted).isBetween(300, 590);
    assertThat(spatial).isGreaterThan(100);
  }

  static List<JsonNode> load() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                DenseRewardGoldenTest.class.getResourceAsStream("/golden/dense.jsonl"),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.add(mapper.readTree(line));
      }
    }
    return out;
  }
}
