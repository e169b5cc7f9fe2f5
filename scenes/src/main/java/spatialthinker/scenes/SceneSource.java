package spatialthinker.scenes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where scenes come from: a directory of rendered scenes ({@link RenderedScenes}) or a VG150
 * parquet file ({@link Vg150Scenes}). Records that cannot be read are never dropped silently: each
 * is handed to the caller as a {@link SkippedScene} with its position and reason.
 */
public interface SceneSource {

  /** A short name for messages, usually the file. */
  String name();

  /**
   * One lazy pass over the scenes in file order. Unreadable records are skipped and reported to
   * {@code onSkip} as they are met. Close the stream (try-with-resources) to release files.
   */
  Stream<Scene> scenes(Consumer<? super SkippedScene> onSkip);

  /** Every scene and every skipped record, in memory: for small sources and tests. */
  default Loaded loadAll() {
    List<SkippedScene> skipped = new ArrayList<>();
    try (Stream<Scene> s = scenes(skipped::add)) {
      List<Scene> scenes = s.toList();
      return new Loaded(scenes, skipped);
    }
  }

  /** The result of {@link #loadAll()}. */
  record Loaded(List<Scene> scenes, List<SkippedScene> skipped) {
    public Loaded {
      scenes = List.copyOf(scenes);
      skipped = List.copyOf(skipped);
    }
  }
}
