package spatialthinker.scenes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The scenes of a directory written by {@link SceneRenderJob}: {@code scenes.jsonl} plus the PNGs
 * under {@code images/}. Lines that do not parse, and lines whose image file is missing, are
 * reported as skipped with their line number.
 */
public final class RenderedScenes implements SceneSource {

  /** Name of the scene file in a rendered directory. */
  public static final String SCENES_FILE = "scenes.jsonl";

  /** Name of the image folder in a rendered directory. */
  public static final String IMAGES_DIR = "images";

  private final Path dir;

  private RenderedScenes(Path dir) {
    this.dir = dir;
  }

  /**
   * The rendered scenes in {@code dir}.
   *
   * @throws IllegalArgumentException when {@code dir} has no {@code scenes.jsonl}
   */
  public static RenderedScenes open(Path dir) {
    if (!Files.isRegularFile(dir.resolve(SCENES_FILE))) {
      throw new IllegalArgumentException(
          dir + " is not a rendered scene directory: no " + SCENES_FILE);
    }
    return new RenderedScenes(dir);
  }

  public Path directory() {
    return dir;
  }

  @Override
  public String name() {
    return dir.resolve(SCENES_FILE).toString();
  }

  @Override
  public Stream<Scene> scenes(Consumer<? super SkippedScene> onSkip) {
    BufferedReader in;
    try {
      in = Files.newBufferedReader(dir.resolve(SCENES_FILE), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name() + ": " + e.getMessage(), e);
    }
    Spliterator<Scene> split =
        new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
          private int lineNo;

          @Override
          public boolean tryAdvance(Consumer<? super Scene> action) {
            try {
              for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                  continue;
                }
                String position = "line " + lineNo;
                try {
                  Scene s = ScenesJsonl.parse(line, dir, name() + " " + position);
                  if (s.image() instanceof SceneImage.File f && !Files.isRegularFile(f.file())) {
                    onSkip.accept(
                        new SkippedScene(name(), position, "image " + f.path() + " is missing"));
                    continue;
                  }
                  action.accept(s);
                  return true;
                } catch (MalformedSceneException e) {
                  String prefix = name() + " " + position + ": ";
                  String msg = e.getMessage();
                  onSkip.accept(
                      new SkippedScene(
                          name(),
                          position,
                          msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg));
                }
              }
              return false;
            } catch (IOException e) {
              throw new UncheckedIOException("cannot read " + name() + ": " + e.getMessage(), e);
            }
          }
        };
    return StreamSupport.stream(split, false)
        .onClose(
            () -> {
              try {
                in.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
