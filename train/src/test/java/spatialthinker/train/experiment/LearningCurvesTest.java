package spatialthinker.train.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvesTest {

  @TempDir Path dir;

  @Test
  void writesAnSvgIntoAFolderItCreates() throws Exception {
    Path file = dir.resolve("docs").resolve("figures").resolve("curve.svg");
    LearningCurves.write(
        file,
        "Validation accuracy",
        "accuracy",
        Map.of("dense", new TreeMap<>(Map.of(0L, 0.3, 10L, 0.35, 20L, 0.4))));
    String svg = Files.readString(file);
    assertThat(svg).startsWith("<svg").contains("Validation accuracy").contains("dense");
  }
}
