package spatialthinker.scenes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Renders scenes {@code 0 .. count-1} of a seed into a directory: {@code images/NNNNNN.png} and
 * {@code scenes.jsonl}. Scenes render in parallel, each from its own seed, and lines are appended
 * in index order as scenes finish, each after its image is written; so the output does not depend
 * on the thread count, and a killed run leaves a valid prefix.
 *
 * <p>Resume: when the directory already holds scenes of the same seed and size, rendering continues
 * after the last complete line (a partial last line is cut off), so a resumed run ends
 * byte-identical to an uninterrupted one. Lines of another seed or size are an error. The image of
 * every kept line is checked ({@link ImageCheck}: present, decodes completely, the stated size);
 * one that fails is rendered again from its seed.
 */
public final class SceneRenderJob {

  /**
   * What to render.
   *
   * @param count number of scenes the directory should hold
   * @param seed run seed; scene i uses {@link SceneGenerator#sceneSeed(long, int)}
   * @param size image width and height in pixels
   * @param threads rendering threads
   */
  public record Options(int count, long seed, int size, int threads) {
    public Options {
      if (count < 1) {
        throw new IllegalArgumentException("--count must be at least 1, got " + count);
      }
      if (size < 32 || size > 4096) {
        throw new IllegalArgumentException("--size must be in [32, 4096], got " + size);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
      }
    }
  }

  /**
   * What a run did.
   *
   * @param existing scenes already in the directory before the run
   * @param rendered scenes rendered by this run
   * @param objects objects in the scenes rendered by this run
   * @param relationships relations in the scenes rendered by this run
   */
  public record Summary(int existing, int rendered, long objects, long relationships) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;
  private final Options options;
  private int existing = -1;
  private final java.util.List<String> reRendered = new java.util.ArrayList<>();

  /**
   * A job rendering into {@code dir}; nothing is touched before {@link #prepare()} or {@link #run}.
   */
  public SceneRenderJob(Path dir, Options options) {
    this.dir = dir;
    this.options = options;
  }

  /**
   * Creates the directory if needed, cuts off a partial last line and checks the existing lines.
   * Returns how many scenes are already complete.
   *
   * @throws UncheckedIOException when the directory cannot be created or written
   * @throws IllegalArgumentException when existing lines belong to another seed or size
   */
  public int prepare() {
    Path file = dir.resolve(RenderedScenes.SCENES_FILE);
    try {
      Files.createDirectories(dir.resolve(RenderedScenes.IMAGES_DIR));
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
      existing = truncatePartialLine(file);
      checkExisting(file);
      SceneGenerator gen = new SceneGenerator(options.size());
      for (String bad : new java.util.ArrayList<>(reRendered)) {
        int index = Integer.parseInt(bad.substring(0, bad.indexOf(' ')));
        SceneGenerator.Generated g =
            gen.generate(
                SceneGenerator.sceneSeed(options.seed(), index), SceneGenerator.imageId(index));
        Files.write(dir.resolve(g.scene().image().path()), g.png());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir + ": " + describe(e), e);
    }
    return existing;
  }

  /**
   * Renders the missing scenes; {@code onScene} gets each index as its line is written.
   *
   * @throws UncheckedIOException when files cannot be written
   */
  public Summary run(IntConsumer onScene) {
    if (existing < 0) {
      prepare();
    }
    int from = existing;
    if (from >= options.count()) {
      return new Summary(existing, 0, 0, 0);
    }
    AtomicInteger workers = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.threads(),
            r -> {
              Thread t = new Thread(r, "scenes-render-" + workers.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ThreadLocal<SceneGenerator> generators =
        ThreadLocal.withInitial(() -> new SceneGenerator(options.size()));
    Deque<Future<Rendered>> window = new ArrayDeque<>();
    long objects = 0;
    long relations = 0;
    Path file = dir.resolve(RenderedScenes.SCENES_FILE);
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      int next = from;
      int written = from;
      while (written < options.count()) {
        while (next < options.count() && window.size() < 4 * options.threads()) {
          int index = next++;
          window.add(pool.submit(() -> renderOne(generators.get(), index)));
        }
        Rendered r = await(window.removeFirst(), written);
        // One write per line, so a killed run leaves at most one partial line.
        out.write(r.line());
        out.flush();
        objects += r.objects();
        relations += r.relations();
        onScene.accept(written);
        written++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir + ": " + describe(e), e);
    } finally {
      pool.shutdownNow();
    }
    existing = options.count();
    return new Summary(from, options.count() - from, objects, relations);
  }

  private record Rendered(byte[] line, int objects, int relations) {}

  private Rendered renderOne(SceneGenerator gen, int index) throws IOException {
    String id = SceneGenerator.imageId(index);
    SceneGenerator.Generated g = gen.generate(SceneGenerator.sceneSeed(options.seed(), index), id);
    Files.write(dir.resolve(g.scene().image().path()), g.png());
    byte[] line = (ScenesJsonl.toLine(g.scene()) + "\n").getBytes(StandardCharsets.UTF_8);
    return new Rendered(
        line, g.scene().graph().objects().size(), g.scene().graph().relationships().size());
  }

  private static Rendered await(Future<Rendered> f, int index) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering scene " + index, e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IllegalStateException("scene " + index + " failed: " + c, c);
    }
  }

  // Cuts the file after its last newline; returns the number of complete lines. Streams the
  // file, which may hold hundreds of megabytes.
  private static int truncatePartialLine(Path file) throws IOException {
    long end = 0;
    int lines = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      long pos = 0;
      for (int n = ch.read(buf); n > 0; n = ch.read(buf)) {
        buf.flip();
        for (int i = 0; i < n; i++) {
          if (buf.get(i) == '\n') {
            lines++;
            end = pos + i + 1;
          }
        }
        pos += n;
        buf.clear();
      }
      if (end == pos) {
        return lines;
      }
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(end);
    }
    return lines;
  }

  /**
   * The images of kept scenes that failed their check and were rendered again by {@link
   * #prepare()}, each as {@code "INDEX images/NNNNNN.png what was wrong"}.
   */
  public java.util.List<String> reRendered() {
    return java.util.List.copyOf(reRendered);
  }

  private void checkExisting(Path file) throws IOException {
    reRendered.clear();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int i = 0;
      for (String line = in.readLine(); line != null; line = in.readLine(), i++) {
        JsonNode n = checkLine(file + " line " + (i + 1), line, i);
        String image = n.path("image").asText();
        var bad =
            ImageCheck.problem(
                dir.resolve(image), n.path("width").asInt(), n.path("height").asInt());
        if (bad.isPresent()) {
          reRendered.add(i + " " + image + " " + bad.get());
        }
      }
    }
  }

  private JsonNode checkLine(String where, String line, int i) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + " is not JSON; render into a new directory");
    }
    long seed = SceneGenerator.sceneSeed(options.seed(), i);
    boolean same =
        n != null
            && SceneGenerator.imageId(i).equals(n.path("image_id").asText())
            && n.path("seed").asLong() == seed
            && n.path("width").asInt() == options.size();
    if (!same) {
      throw new IllegalArgumentException(
          where
              + " is not scene "
              + i
              + " of --seed "
              + options.seed()
              + " at --size "
              + options.size()
              + "; resume with the same --seed and --size, or use a new --out directory");
    }
    return n;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }
}
