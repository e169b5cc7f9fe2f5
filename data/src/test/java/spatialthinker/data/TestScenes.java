package spatialthinker.data;

import java.nio.file.Path;
import spatialthinker.scenes.SceneRenderJob;

/** Renders scene directories for tests, once per directory. */
final class TestScenes {

  private TestScenes() {}

  /** Renders {@code count} scenes of {@code seed} at {@code size} pixels into {@code dir}. */
  static Path render(Path dir, int count, long seed, int size) {
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    new SceneRenderJob(dir, new SceneRenderJob.Options(count, seed, size, threads)).run(i -> {});
    return dir;
  }
}
