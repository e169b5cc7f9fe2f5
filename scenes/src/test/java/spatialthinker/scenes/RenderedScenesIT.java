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
  void resumedRenderReRendersKeptImagesThatFailTheirCheck() throws IOException {
    new SceneRenderJob(dir, new SceneRenderJob.Options(4, 5, 64, 1)).run(i -> {});
    byte[] good1 = Files.readAllBytes(dir.resolve("images/000001.png"));
    byte[] good3 = Files.readAllBytes(dir.resolve("images/000003.png"));
    Files.write(dir.resolve("images/000001.png"), java.util.Arrays.copyOf(good1, good1.length / 3));
    Files.write(dir.resolve("images/000003.png"), new byte[0]);
    SceneRenderJob again = new SceneRenderJob(dir, new SceneRenderJob.Options(5, 5, 64, 1));
    assertThat(again.prepare()).isEqualTo(4);
    assertThat(again.reRendered()).hasSize(2);
    assertThat(again.reRendered().get(0)).startsWith("1 images/000001.png does not decode");
    assertThat(again.reRendered().get(1)).isEqualTo("3 images/000003.png is empty");
    assertThat(again.run(i -> {}).rendered()).isEqualTo(1);
    assertThat(Files.readAllBytes(dir.resolve("images/000001.png"))).isEqualTo(good1);
    assertThat(Files.readAllBytes(dir.resolve("images/000003.png"))).isEqualTo(good3);
    assertThat(RenderedScenes.open(dir).loadAll().skipped()).isEmpty();
  }

  @Test
  void reportsBadImagesByFile() throws IOException {
    new SceneRenderJob(dir, new SceneRenderJob.Options(3, 5, 64, 1)).run(i -> {});
    byte[] png = Files.readAllBytes(dir.resolve("images/000000.png"));
    Files.write(dir.resolve("images/000000.png"), java.util.Arrays.copyOf(png, png.length - 30));
    Files.write(dir.resolve("images/000002.png"), "not an image".getBytes());
    SceneSource.Loaded l = RenderedScenes.open(dir).loadAll();
    assertThat(l.scenes()).extracting(Scene::imageId).containsExactly("000001");
    assertThat(l.skipped()).extracting(SkippedScene::position).containsExactly("line 1", "line 3");
    assertThat(l.skipped().get(0).reason()).startsWith("image images/000000.png does not decode");
    assertThat(l.skipped().get(1).reason())
        .isEqualTo("image images/000002.png is not a PNG or JPEG image (12 bytes)");
  }

  @Test
  void refusesEmptyAndCutOffScenesFiles() throws IOException {
    new SceneRenderJob(dir, new SceneRenderJob.Options(3, 5, 64, 1)).run(i -> {});
    Path jsonl = dir.resolve("scenes.jsonl");
    byte[] all = Files.readAllBytes(jsonl);
    Files.write(jsonl, java.util.Arrays.copyOf(all, all.length - 10));
    assertThatThrownBy(() -> RenderedScenes.open(dir).loadAll())
        .isInstanceOf(MalformedSceneException.class)
        .hasMessageContaining("scenes.jsonl line 3 is cut off");
    Files.write(jsonl, new byte[0]);
    assertThatThrownBy(() -> RenderedScenes.open(dir)).hasMessageContaining("is empty");
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
