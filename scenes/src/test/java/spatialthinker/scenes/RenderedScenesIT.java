package spatialthinker.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderedScenesIT {

  @TempDir Path dir;

  @Test
  void readsBackWhatWasRenderedAndReportsBrokenLines() throws IOException {
    new SceneRenderJob(dir, new SceneRenderJob.Options(4, 5, 64, 2)).run(i -> {});
    SceneSource.Loaded clean = RenderedScenes.open(dir).loadAll();
    assertThat(clean.scenes())
        .extracting(Scene::imageId)
        .containsExactly("000000", "000001", "000002", "000003");
    assertThat(clean.skipped()).isEmpty();
    Scene first = clean.scenes().get(0);
    SceneGenerator.Generated again =
        new SceneGenerator(64).generate(SceneGenerator.sceneSeed(5, 0), "000000");
    assertThat(first.graph()).isEqualTo(again.scene().graph());
    assertThat(first.truth()).isEqualTo(again.scene().truth());
    assertThat(first.image().bytes()).isEqualTo(again.png());

    Path jsonl = dir.resolve("scenes.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(jsonl));
    lines.set(1, lines.get(1).replace("\"shape\":\"", "\"shape\":\"x"));
    lines.add("{broken");
    Files.write(jsonl, lines);
    Files.delete(dir.resolve("images/000002.png"));
    SceneSource.Loaded broken = RenderedScenes.open(dir).loadAll();
    assertThat(broken.scenes()).extracting(Scene::imageId).containsExactly("000000", "000003");
    assertThat(broken.skipped())
        .extracting(SkippedScene::position)
        .containsExactly("line 2", "line 3", "line 5");
    assertThat(broken.skipped().get(0).reason()).startsWith("objects[0].shape is not valid");
    assertThat(broken.skipped().get(1).reason()).isEqualTo("image images/000002.png is missing");
    assertThat(broken.skipped().get(2).reason()).startsWith("not JSON");
  }

  @Test
  void refusesDirectoryWithoutScenes() {
    assertThatThrownBy(() -> RenderedScenes.open(dir)).hasMessageContaining("no scenes.jsonl");
  }

  @Test
  void contactSheetDrawsEveryScene() {
    new SceneRenderJob(dir, new SceneRenderJob.Options(3, 5, 64, 1)).run(i -> {});
    var sheet = new ContactSheet(2, 64).draw(RenderedScenes.open(dir).loadAll().scenes());
    assertThat(sheet.getWidth()).isEqualTo(2 * 68 + 4);
    assertThat(sheet.getHeight()).isEqualTo(2 * 68 + 4);
  }
}
