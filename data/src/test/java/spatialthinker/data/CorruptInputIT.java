package spatialthinker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.data.io.QaParquet;
import spatialthinker.data.synth.TemplateQuestions;
import spatialthinker.scenes.MalformedSceneException;
import spatialthinker.scenes.RenderedScenes;

/**
 * Bad input in a scenes directory: a truncated PNG, random bytes and an empty file are reported by
 * file and skipped (counted in the summary) and never reach a row; an empty or cut-off {@code
 * scenes.jsonl} is an error.
 */
class CorruptInputIT {

  @TempDir Path dir;

  private SynthSummary synth(Path scenes, Path out) {
    return new SynthesisJob(
            RenderedScenes.open(scenes),
            new TemplateQuestions(4, TemplateQuestions.DEFAULT_PER_CATEGORY),
            new SynthOptions(60, 50, 0.1, 4, 1),
            out)
        .run(new SynthesisJob.Listener() {});
  }

  @Test
  void badImagesAreReportedSkippedAndNeverWritten() throws Exception {
    Path scenes = TestScenes.render(dir.resolve("scenes"), 12, 9, 64);
    Path images = scenes.resolve("images");
    byte[] png = Files.readAllBytes(images.resolve("000001.png"));
    Files.write(images.resolve("000001.png"), Arrays.copyOf(png, png.length / 2));
    byte[] noise = new byte[png.length];
    new SplittableRandom(3).nextBytes(noise);
    Files.write(images.resolve("000004.png"), noise);
    Files.write(images.resolve("000007.png"), new byte[0]);

    Path out = dir.resolve("qa");
    SynthSummary s = synth(scenes, out);

    assertThat(s.skipped()).hasSize(3);
    assertThat(s.skipped().get(0)).contains("line 2", "images/000001.png", "does not decode");
    assertThat(s.skipped().get(1)).contains("line 5", "images/000004.png", "not a PNG or JPEG");
    assertThat(s.skipped().get(2)).contains("line 8", "images/000007.png", "is empty");
    assertThat(s.line()).contains("3 scenes skipped");
    List<QaRow> rows = QaParquet.read(out);
    assertThat(rows).isNotEmpty();
    assertThat(rows)
        .extracting(QaRow::imageId)
        .doesNotContain("000001", "000004", "000007")
        .contains("000000", "000011");
  }

  @Test
  void aWrongSizeIsReported() throws Exception {
    Path scenes = TestScenes.render(dir.resolve("scenes"), 3, 9, 64);
    Path other = TestScenes.render(dir.resolve("other"), 1, 9, 96);
    Files.copy(
        other.resolve("images/000000.png"),
        scenes.resolve("images/000002.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    SynthSummary s = synth(scenes, dir.resolve("qa.parquet"));
    assertThat(s.skipped())
        .singleElement()
        .asString()
        .contains("images/000002.png", "is 96 x 96, not the 64 x 64");
  }

  @Test
  void anEmptyScenesFileIsAnError() throws Exception {
    Path scenes = dir.resolve("empty");
    Files.createDirectories(scenes.resolve("images"));
    Files.writeString(scenes.resolve("scenes.jsonl"), "");
    assertThatThrownBy(() -> RenderedScenes.open(scenes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scenes.jsonl is empty");
  }

  @Test
  void aCutOffLastLineIsAnErrorNamingTheLine() throws Exception {
    Path scenes = TestScenes.render(dir.resolve("scenes"), 5, 9, 64);
    Path jsonl = scenes.resolve("scenes.jsonl");
    byte[] all = Files.readAllBytes(jsonl);
    Files.write(jsonl, Arrays.copyOf(all, all.length - 40));
    Path out = dir.resolve("qa.parquet");
    assertThatThrownBy(() -> synth(scenes, out))
        .isInstanceOf(MalformedSceneException.class)
        .hasMessageContaining("line 5 is cut off")
        .hasMessageContaining("scenes render");
    assertThat(out).doesNotExist();
  }

  @Test
  void noUsableSceneIsAnError() throws Exception {
    Path scenes = TestScenes.render(dir.resolve("scenes"), 2, 9, 64);
    Files.write(scenes.resolve("images/000000.png"), new byte[0]);
    Files.write(scenes.resolve("images/000001.png"), new byte[0]);
    assertThatThrownBy(() -> synth(scenes, dir.resolve("qa.parquet")))
        .hasMessageContaining("no usable scene (2 skipped");
  }
}
