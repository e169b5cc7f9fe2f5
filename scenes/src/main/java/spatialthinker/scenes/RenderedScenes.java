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
 * under {@code images/}. Lines that do not parse, and lines whose image is missing, empty, does not
 * decode completely or has another size than the line states, are reported as skipped with their
 * line number and the image's path. An empty {@code scenes.jsonl}, and a last line cut off (no
 * newline at its end and not a whole scene: a render that did not finish), are errors: run {@code
 * scenes render} again with the same options to complete it.
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
   * @throws IllegalArgumentException when {@code dir} has no {@code scenes.jsonl}, or an empty one
   */
  public static RenderedScenes open(Path dir) {
    Path file = dir.resolve(SCENES_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          dir + " is not a rendered scene directory: no " + SCENES_FILE);
    }
    try {
      if (Files.size(file) == 0 || Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
        throw new IllegalArgumentException(
            file
                + " is empty: no scenes (render with spatialthinker scenes render --out "
                + dir
                + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new RenderedScenes(dir);
  }

  // Whether the file's last byte is a newline.
  private static boolean endsWithNewline(Path file) {
    try (var ch = java.nio.channels.FileChannel.open(file)) {
      long size = ch.size();
      if (size == 0) {
        return true;
      }
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, size - 1);
      return b.get(0) == '\n';
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The directory read. */
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
    boolean terminated = endsWithNewline(dir.resolve(SCENES_FILE));
    try {
      in = Files.newBufferedReader(dir.resolve(SCENES_FILE), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name() + ": " + e.getMessage(), e);
    }
    Spliterator<Scene> split =
        new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
          private int lineNo;
          private String next;
          private boolean started;

          @Override
          public boolean tryAdvance(Consumer<? super Scene> action) {
            try {
              if (!started) {
                started = true;
                next = in.readLine();
              }
              while (next != null) {
                String line = next;
                next = in.readLine();
                lineNo++;
                if (line.isBlank()) {
                  continue;
                }
                String position = "line " + lineNo;
                try {
                  Scene s = ScenesJsonl.parse(line, dir, name() + " " + position);
                  if (s.image() instanceof SceneImage.File f) {
                    var bad = ImageCheck.problem(f.file(), s.width(), s.height());
                    if (bad.isPresent()) {
                      onSkip.accept(
                          new SkippedScene(
                              name(), position, "image " + f.path() + " " + bad.get()));
                      continue;
                    }
                  }
                  action.accept(s);
                  return true;
                } catch (MalformedSceneException e) {
                  if (next == null && !terminated) {
                    throw new MalformedSceneException(
                        name()
                            + " "
                            + position
                            + " is cut off (no newline at the end of the file and not a whole"
                            + " scene): the render did not finish; run spatialthinker scenes render"
                            + " again with the same options to complete it");
                  }
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
