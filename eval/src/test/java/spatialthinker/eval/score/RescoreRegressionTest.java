package spatialthinker.eval.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code eval score} gives today what it gave before the evaluation's data reading was rebuilt:
 * {@code input.jsonl} holds 260 saved responses (letters, option texts, JSON indexes and Python
 * list strings as answers and options, failed requests, free-form counts and yes/no), and {@code
 * expected.jsonl} and {@code expected-summary.md} are what the command wrote for them at the commit
 * before (6171afa).
 */
class RescoreRegressionTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(
        RescoreRegressionTest.class.getResource("/spatialthinker/eval/rescore/" + name).toURI());
  }

  @Test
  void rescoredLinesMatchTheEarlierOutputLineByLine() throws Exception {
    List<Rescorer.Line> lines = Rescorer.rescore(resource("input.jsonl"));
    List<String> expected = Files.readAllLines(resource("expected.jsonl"));
    assertThat(lines).hasSize(expected.size()).hasSize(260);
    for (int i = 0; i < lines.size(); i++) {
      JsonNode want = PredictionJson.JSON.readTree(expected.get(i));
      assertThat(lines.get(i).out()).as("line %d", i + 1).isEqualTo(want);
    }
  }

  @Test
  void summariesMatchTheEarlierOutput() throws IOException, URISyntaxException {
    StringBuilder b = new StringBuilder();
    Rescorer.summaries(Rescorer.rescore(resource("input.jsonl")))
        .values()
        .forEach(s -> b.append(SummaryFormat.markdown(s, s.benchmark())));
    assertThat(b.toString()).isEqualTo(Files.readString(resource("expected-summary.md")));
  }
}
