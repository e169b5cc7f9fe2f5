package spatialthinker.train.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedEvaluationTest {

  @TempDir Path dir;

  private final ArmResult result =
      new ArmResult("dense", 2, 0.375, 0.5, 0.51, 0.044, 0.99, Map.of("depth", 0.25, "size", 0.5));

  @Test
  void aSavedResultComesBackForItsKeyOnly() throws Exception {
    Path f = dir.resolve("evaluation.json");
    SavedEvaluation.write(f, "abc|600|320|greedy", result);
    assertThat(SavedEvaluation.read(f, "abc|600|320|greedy")).contains(result);
    assertThat(SavedEvaluation.read(f, "abd|600|320|greedy")).isEmpty();
    assertThat(Files.list(dir)).containsExactly(f);
  }

  @Test
  void aMissingOrTornFileIsIgnored() throws Exception {
    Path f = dir.resolve("evaluation.json");
    assertThat(SavedEvaluation.read(f, "k")).isEmpty();
    Files.writeString(f, "{\"key\": \"k\", \"arm\": \"den");
    assertThat(SavedEvaluation.read(f, "k")).isEmpty();
  }
}
