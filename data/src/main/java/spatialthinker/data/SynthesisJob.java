package spatialthinker.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spatialthinker.data.io.QaJsonl;
import spatialthinker.data.io.QaOutput;
import spatialthinker.data.io.QaParquet;
import spatialthinker.scenes.ImageCheck;
import spatialthinker.scenes.Scene;
import spatialthinker.scenes.SceneImage;
import spatialthinker.scenes.SceneSource;

/**
 * A synthesis run: questions for every scene of a source, de-duplicated, balanced ({@link
 * Balancer}), split by image ({@link ImageSplit}), written as rows to the JSONL mirror (one flushed
 * line per row) and then to parquet, with {@code FILE.provenance.json} beside them. A run killed
 * part-way leaves a valid JSONL prefix; run again with the same settings, it keeps those rows and
 * writes the rest. Question writing runs on {@code threads} threads; results are gathered in scene
 * order, so the output does not depend on them.
 */
public final class SynthesisJob {

  private static final Logger LOG = LoggerFactory.getLogger(SynthesisJob.class);

  /** Progress callbacks. */
  public interface Listener {
    /** A scene's questions are in ({@code done} scenes so far). */
    default void scene(int done) {}

    /** Rows are about to be written. */
    default void rowsPlanned(int total) {}

    /** A row is written ({@code done} so far). */
    default void row(int done) {}
  }

  private final SceneSource source;
  private final QuestionSource questions;
  private final SynthOptions options;
  private final Path out;
  private final QaOutput output;

  /**
   * @param source where scenes come from
   * @param questions what writes questions
   * @param options sizes, shares, seed
   * @param out the parquet file, or a directory for split files (see {@link QaOutput}); the mirror
   *     is the same name with {@code .jsonl}
   */
  public SynthesisJob(
      SceneSource source, QuestionSource questions, SynthOptions options, Path out) {
    this(source, questions, options, QaOutput.of(out));
  }

  /**
   * @param source where scenes come from
   * @param questions what writes questions
   * @param options sizes, shares, seed
   * @param output the parquet file or split directory, and the layout of {@code images}
   */
  public SynthesisJob(
      SceneSource source, QuestionSource questions, SynthOptions options, QaOutput output) {
    this.source = source;
    this.questions = questions;
    this.options = options;
    this.out = output.path().toAbsolutePath().normalize();
    this.output = new QaOutput(out, output.images(), output.maxShardBytes());
  }

  /**
   * The JSONL mirror of a data set path: {@code x.parquet} becomes {@code x.jsonl}; a split
   * directory {@code x} has {@code x.jsonl} beside it (the directory holds only split files).
   */
  public static Path mirrorOf(Path parquet) {
    String name = parquet.getFileName().toString();
    String stem = name.endsWith(".parquet") ? name.substring(0, name.length() - 8) : name;
    return parquet.resolveSibling(stem + ".jsonl");
  }

  /** Runs the job. */
  public SynthSummary run(Listener listener) {
    long start = System.nanoTime();
    List<String> skipped = new ArrayList<>();
    Map<String, SceneInfo> scenes = new HashMap<>();
    List<QaItem> candidates = new ArrayList<>();
    int[] count = {0};
    List<String> failed = new ArrayList<>();
    generate(skipped, failed, scenes, candidates, count, listener);
    if (scenes.isEmpty()) {
      throw new IllegalArgumentException(
          source.name()
              + ": no usable scene"
              + (skipped.isEmpty()
                  ? ""
                  : " (" + skipped.size() + " skipped, first: " + skipped.get(0) + ")"));
    }
    if (!failed.isEmpty()) {
      throw new SceneFailedException(
          failed.size()
              + " scenes failed and were not recorded (first: "
              + failed.get(0)
              + "); run again with the same options to ask for them",
          null);
    }
    Balancer.Plan plan =
        Balancer.select(
            candidates,
            options.target(),
            options.relationPercent(),
            options.seed(),
            // Rendered scenes only: VG150 answers come from annotations, which a per-template
            // balance would mostly drop.
            questions.balancesAnswers()
                && scenes.values().stream().allMatch(i -> i.source().equals("synthetic")));
    Set<String> val =
        ImageSplit.validationImages(plan.selected(), options.valSplit(), options.seed());
    List<QaItem> ordered = new ArrayList<>(plan.selected());
    ordered.sort(
        Comparator.comparing((QaItem q) -> val.contains(q.imageId()))
            .thenComparingLong(q -> StableHash.of(Long.toString(options.seed()), "order", q.key()))
            .thenComparing(QaItem::key));
    List<QaRow> rows = new ArrayList<>();
    for (QaItem q : ordered) {
      SceneInfo info = scenes.get(q.imageId());
      String split = val.contains(q.imageId()) ? QaRow.VAL : QaRow.TRAIN;
      rows.add(QaRows.build(q, info, split, imageFile(info), options.teacher()));
    }
    listener.rowsPlanned(rows.size());
    int resumed = writeMirror(rows, scenes, listener);
    List<Path> files = QaParquet.write(rows, r -> imageBytes(scenes.get(r.imageId())), output);
    Set<String> trainImages = new HashSet<>();
    rows.stream()
        .filter(r -> r.split().equals(QaRow.TRAIN))
        .forEach(r -> trainImages.add(r.imageId()));
    int valRows = (int) rows.stream().filter(r -> r.split().equals(QaRow.VAL)).count();
    SynthSummary summary =
        new SynthSummary(
            count[0],
            skipped,
            candidates.size(),
            plan,
            rows.size() - valRows,
            valRows,
            trainImages.size(),
            val.size(),
            resumed,
            (System.nanoTime() - start) / 1e9);
    ProvenanceFile.write(
        out, files, output, source.name(), questions.getClass().getSimpleName(), options, summary);
    return summary;
  }

  private record Result(SceneInfo info, List<QaItem> items, String skip, String failure) {}

  private void generate(
      List<String> skipped,
      List<String> failed,
      Map<String, SceneInfo> scenes,
      List<QaItem> candidates,
      int[] count,
      Listener listener) {
    Set<String> keys = new HashSet<>();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    Deque<Future<Result>> window = new ArrayDeque<>();
    try (Stream<Scene> stream = source.scenes(s -> skipped.add(s.toString()))) {
      Iterator<Scene> it = stream.iterator();
      while (it.hasNext() || !window.isEmpty()) {
        while (it.hasNext() && window.size() < 4 * options.threads()) {
          Scene s = it.next();
          window.add(pool.submit(() -> ask(s)));
        }
        Result r = await(window.removeFirst());
        count[0]++;
        if (r.failure() != null) {
          LOG.warn("scene {} failed: {}", r.info().imageId(), r.failure());
          failed.add(r.failure());
        } else if (r.skip() != null) {
          LOG.warn("skipped scene {}: {}", r.info().imageId(), r.skip());
          skipped.add(r.info().imageId() + ": " + r.skip());
        } else {
          scenes.put(r.info().imageId(), r.info());
          for (QaItem q : r.items()) {
            if (keys.add(q.key())) {
              candidates.add(q);
            }
          }
        }
        listener.scene(count[0]);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Result ask(Scene s) {
    SceneInfo info = SceneInfo.of(s);
    if (s.image() instanceof SceneImage.Bytes b) {
      var bad = ImageCheck.problem(b.data(), s.width(), s.height());
      if (bad.isPresent()) {
        return new Result(info, List.of(), "image " + b.path() + " " + bad.get(), null);
      }
    }
    try {
      return new Result(info, questions.questions(s), null, null);
    } catch (SceneSkippedException e) {
      return new Result(info, List.of(), e.getMessage(), null);
    } catch (SceneFailedException e) {
      return new Result(info, List.of(), null, e.getMessage());
    }
  }

  private static Result await(Future<Result> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing questions", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c.toString(), c);
    }
  }

  private String imageFile(SceneInfo info) {
    if (info.image() instanceof SceneImage.File f) {
      Path file = f.file().toAbsolutePath().normalize();
      try {
        return out.getParent().relativize(file).toString();
      } catch (IllegalArgumentException e) {
        return file.toString();
      }
    }
    return imagesDir().getFileName() + "/" + Path.of(info.image().path()).getFileName();
  }

  private Path imagesDir() {
    String name = mirrorOf(out).getFileName().toString();
    return out.resolveSibling(name.substring(0, name.length() - 6) + "_images");
  }

  private static byte[] imageBytes(SceneInfo info) {
    return info.image().bytes();
  }

  // Keeps rows already written by an earlier run with the same plan and appends the rest.
  private int writeMirror(List<QaRow> rows, Map<String, SceneInfo> scenes, Listener listener) {
    Path mirror = mirrorOf(out);
    try {
      Files.createDirectories(out.getParent());
      List<String> existing = existingLines(mirror);
      for (int i = 0; i < existing.size(); i++) {
        String id = QaJsonl.parse(existing.get(i), mirror + " line " + (i + 1)).qaId();
        if (i >= rows.size() || !rows.get(i).qaId().equals(id)) {
          throw new IllegalArgumentException(
              mirror
                  + " line "
                  + (i + 1)
                  + " was written by a run with other settings or scenes; delete it or choose"
                  + " another --out");
        }
      }
      try (BufferedWriter w =
          Files.newBufferedWriter(
              mirror,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND)) {
        for (int i = 0; i < rows.size(); i++) {
          if (i >= existing.size()) {
            QaRow r = rows.get(i);
            if (!r.imageFile().startsWith("/") && r.imageFile().contains("_images/")) {
              Path img = out.getParent().resolve(r.imageFile());
              if (!Files.exists(img)) {
                Files.createDirectories(img.getParent());
                Files.write(img, imageBytes(scenes.get(r.imageId())));
              }
            }
            w.write(QaJsonl.toLine(r));
            w.write('\n');
            w.flush();
          }
          listener.row(i + 1);
        }
      }
      return existing.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + mirror + ": " + e.getMessage(), e);
    }
  }

  // Complete lines only: a line cut off by a kill is dropped (and the file truncated after).
  private static List<String> existingLines(Path mirror) throws IOException {
    if (!Files.exists(mirror)) {
      return List.of();
    }
    byte[] bytes = Files.readAllBytes(mirror);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end < bytes.length) {
      try (var ch = java.nio.channels.FileChannel.open(mirror, StandardOpenOption.WRITE)) {
        ch.truncate(end);
      }
    }
    String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    for (String l : text.split("\n")) {
      if (!l.isBlank()) {
        lines.add(l);
      }
    }
    return lines;
  }
}
