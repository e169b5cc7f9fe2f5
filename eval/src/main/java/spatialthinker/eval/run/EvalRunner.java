package spatialthinker.eval.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import spatialthinker.clients.ChatMessage;
import spatialthinker.clients.ChatModel;
import spatialthinker.clients.ChatRequest;
import spatialthinker.clients.ChatResponse;
import spatialthinker.clients.ContentPart;
import spatialthinker.clients.ImagePart;
import spatialthinker.clients.ModelRequestException;
import spatialthinker.clients.RetrySettings;
import spatialthinker.clients.RetryingChatModel;
import spatialthinker.clients.TextPart;
import spatialthinker.core.provenance.Provenance;
import spatialthinker.eval.benchmark.Benchmark;
import spatialthinker.eval.load.BadRow;
import spatialthinker.eval.load.BenchmarkData;
import spatialthinker.eval.load.BenchmarkDataException;
import spatialthinker.eval.load.EvalItem;
import spatialthinker.eval.load.ItemMeta;
import spatialthinker.eval.score.ItemScorer;
import spatialthinker.eval.score.Prediction;
import spatialthinker.eval.score.PredictionJson;
import spatialthinker.eval.score.Scoreboard;
import spatialthinker.eval.score.Scored;
import spatialthinker.eval.score.Summary;
import spatialthinker.eval.score.SummaryFormat;

/**
 * Runs a benchmark against a chat model: items are dispatched in the data's fixed order with at
 * most {@code concurrency} requests in flight (one virtual thread each); every answer is scored and
 * appended to {@code predictions.jsonl} as soon as it arrives. A failed request is recorded with
 * its error and counts as wrong. {@code --resume} skips every item already in the log, so a run
 * killed at any moment loses at most the requests in flight and never repeats a line.
 */
public final class EvalRunner {

  /** Progress callbacks, called from worker threads. */
  public interface Listener {
    /** Before the first request: items in this run and how many are already done. */
    default void started(long total, long alreadyDone) {}

    /** After each prediction is written, with running totals (resumed items included). */
    default void predicted(Prediction p, long done, long correct) {}
  }

  /**
   * What a run produced.
   *
   * @param dir the run directory
   * @param summary the scores over every prediction in the run
   * @param newPredictions predictions written by this invocation
   * @param wall wall time of this invocation's requests
   */
  public record Result(Path dir, Summary summary, long newPredictions, Duration wall) {}

  private final ChatModel model;
  private final RunConfig config;
  private final Optional<String> apiKeyEnv;
  private final RetrySettings retry;
  private final Listener listener;
  private final ItemScorer scorer = new ItemScorer();

  /**
   * A runner.
   *
   * @param model the model, without retries (the runner adds them)
   * @param apiKeyEnv the environment variable the key came from, for run.json
   */
  public EvalRunner(
      ChatModel model,
      RunConfig config,
      Optional<String> apiKeyEnv,
      RetrySettings retry,
      Listener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.model = new RetryingChatModel(Objects.requireNonNull(model, "model"), retry);
    this.apiKeyEnv = Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Runs (or resumes) the benchmark and writes the run directory. */
  public Result run() {
    Path out = config.out();
    Path predsFile = out.resolve("predictions.jsonl");
    Path manifestFile = out.resolve("run.json");
    Benchmark bench = config.benchmark();
    // The data is opened and every row checked before anything is written.
    try (BenchmarkData data = BenchmarkData.open(bench, config.data())) {
      List<BadRow> bad = data.badRows();
      if (config.strict() && !bad.isEmpty()) {
        throw new BenchmarkDataException(
            config.data()
                + " ("
                + bench.name()
                + "): "
                + bad.size()
                + " row(s) cannot be scored, first "
                + bad.get(0).describe()
                + " (--strict)");
      }
      try {
        Files.createDirectories(out);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create --out " + out, e);
      }
      RunManifest manifest =
          RunManifest.create(
              manifestFile, config, data, model.info(), apiKeyEnv, retry, Provenance.here());
      Optional<RunManifest> earlier = RunManifest.read(manifestFile);
      if (!config.resume() && (earlier.isPresent() || nonEmpty(predsFile))) {
        throw new IllegalArgumentException(
            "--out "
                + out
                + " already holds a run; add --resume to continue it, or choose another --out");
      }
      earlier.ifPresent(
          e -> {
            e.requireSameRun(manifest);
            manifest.continueFrom(e);
          });
      List<Prediction> kept = new ArrayList<>(PredictionLog.recover(predsFile).predictions());
      if (config.retryFailed() && kept.removeIf(Prediction::failed)) {
        PredictionLog.rewrite(predsFile, kept);
      }
      long limit = Math.min(data.rowCount(), config.limit().orElse(Long.MAX_VALUE));
      List<BadRow> badInRun = bad.stream().filter(b -> b.index() < limit).toList();
      writeBadRows(out, badInRun);
      Set<Long> done = new HashSet<>();
      kept.forEach(p -> done.add(p.index()));
      long alreadyDone = kept.stream().filter(p -> p.index() < limit).count();
      Instant start = Instant.now();
      manifest.startSession(start, earlier.isPresent());
      manifest.write();

      long written =
          dispatch(data, predsFile, limit, limit - badInRun.size(), done, kept, alreadyDone);
      Instant end = Instant.now();

      List<Prediction> all =
          PredictionLog.readAll(predsFile).stream().filter(p -> p.index() < limit).toList();
      Summary summary = Scoreboard.summarize(bench.name(), all, badInRun);
      writeSummary(out, summary, manifest.label());
      manifest.finishSession(end, written, all.size());
      manifest.write();
      return new Result(out, summary, written, Duration.between(start, end));
    }
  }

  /** An item whose images could not be read, queued in order with the others. */
  private record Broken(ItemMeta meta, String why) {}

  private static final Object END = new Object();

  /**
   * Reads items on one thread into a queue as deep as the concurrency (so that a burst of replies
   * finds the next items ready), and sends them from this thread as permits free up.
   */
  private long dispatch(
      BenchmarkData data,
      Path predsFile,
      long limit,
      long total,
      Set<Long> done,
      List<Prediction> kept,
      long alreadyDone) {
    AtomicLong doneCount = new AtomicLong(alreadyDone);
    AtomicLong correctCount =
        new AtomicLong(kept.stream().filter(p -> p.index() < limit && p.correct()).count());
    AtomicLong written = new AtomicLong();
    AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    listener.started(total, alreadyDone);
    Semaphore permits = new Semaphore(config.concurrency());
    BlockingQueue<Object> ready = new ArrayBlockingQueue<>(config.concurrency());
    try (PredictionLog log = PredictionLog.open(predsFile, config.fsync());
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      Thread reader =
          Thread.ofPlatform()
              .name("eval-reader")
              .start(
                  () -> {
                    try {
                      data.stream(
                          limit,
                          i -> !done.contains(i) && fatal.get() == null,
                          item -> put(ready, item),
                          (meta, why) -> put(ready, new Broken(meta, why)));
                    } catch (RuntimeException e) {
                      fatal.compareAndSet(null, e);
                    } finally {
                      put(ready, END);
                    }
                  });
      for (Object next = take(ready); next != END; next = take(ready)) {
        if (fatal.get() != null) {
          continue; // drain, so the reader can finish
        }
        if (next instanceof Broken b) {
          Prediction p = failed(b.meta(), "", b.why(), 0, 0, Optional.empty());
          log.append(p);
          written.incrementAndGet();
          listener.predicted(p, doneCount.incrementAndGet(), correctCount.get());
          continue;
        }
        EvalItem item = (EvalItem) next;
        permits.acquireUninterruptibly();
        workers.submit(
            () -> {
              try {
                Prediction p = evaluate(item);
                log.append(p);
                written.incrementAndGet();
                long c = p.correct() ? correctCount.incrementAndGet() : correctCount.get();
                listener.predicted(p, doneCount.incrementAndGet(), c);
              } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
              } finally {
                permits.release();
              }
            });
      }
      join(reader);
    }
    if (fatal.get() != null) {
      throw fatal.get();
    }
    return written.get();
  }

  private static void put(BlockingQueue<Object> q, Object o) {
    boolean interrupted = false;
    while (true) {
      try {
        q.put(o);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Object take(BlockingQueue<Object> q) {
    try {
      return q.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dispatching", e);
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the reader", e);
    }
  }

  /** Sends one item and scores the reply; never throws for a model or image failure. */
  Prediction evaluate(EvalItem item) {
    ItemMeta meta = item.meta();
    List<ImagePart> images;
    String prompt;
    try {
      images = item.images().stream().map(model::prepareImage).toList();
      prompt = PromptComposer.compose(config.benchmark(), meta, config.template(), images);
    } catch (RuntimeException e) {
      return failed(
          meta, "", "cannot prepare the request: " + e.getMessage(), 0, 0, Optional.empty());
    }
    Optional<Prediction.ImageSize> size =
        Optional.of(new Prediction.ImageSize(images.get(0).width(), images.get(0).height()));
    String hash = promptHash(prompt, images);
    List<ContentPart> parts = new ArrayList<>(images);
    parts.add(new TextPart(prompt));
    ChatRequest req =
        new ChatRequest(
            List.of(ChatMessage.user(parts)),
            config.maxTokens(),
            config.temperature(),
            config.extraBody());
    long t0 = System.nanoTime();
    try {
      ChatResponse r = model.chat(req);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      Scored s =
          scorer.score(
              r.text(),
              meta.choices(),
              meta.answer(),
              meta.groundTruthScene(),
              Optional.of(new int[] {images.get(0).width(), images.get(0).height()}));
      return Prediction.forItem(config.benchmark().name(), meta)
          .promptHash(hash)
          .response(Optional.of(r.text()))
          .scored(s)
          .latencyMs(ms)
          .attempts(r.attempts())
          .finishReason(Optional.of(r.finishReason()))
          .usage(r.usage())
          .imageSize(size)
          .build();
    } catch (ModelRequestException e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return failed(meta, hash, e.getMessage(), ms, e.attempts(), size);
    } catch (RuntimeException e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return failed(meta, hash, "internal error: " + e, ms, 1, size);
    }
  }

  private Prediction failed(
      ItemMeta meta,
      String hash,
      String error,
      long ms,
      int attempts,
      Optional<Prediction.ImageSize> size) {
    return Prediction.forItem(config.benchmark().name(), meta)
        .promptHash(hash)
        .failed(error)
        .latencyMs(ms)
        .attempts(attempts)
        .imageSize(size)
        .build();
  }

  static String promptHash(String prompt, List<ImagePart> images) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(prompt.getBytes(StandardCharsets.UTF_8));
      for (ImagePart img : images) {
        md.update((byte) 0);
        md.update(img.data());
      }
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeSummary(Path out, Summary s, String label) {
    try {
      Files.writeString(
          out.resolve("summary.json"),
          PredictionJson.JSON
                  .writerWithDefaultPrettyPrinter()
                  .writeValueAsString(SummaryFormat.json(s))
              + "\n");
      Files.writeString(
          out.resolve("summary.md"), SummaryFormat.markdown(s, s.benchmark() + " — " + label));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the summary in " + out, e);
    }
  }

  /** The run's bad rows, one JSON object a line; no file when there are none. */
  static void writeBadRows(Path out, List<BadRow> bad) {
    Path f = out.resolve(BAD_ROWS_FILE);
    try {
      if (bad.isEmpty()) {
        Files.deleteIfExists(f);
        return;
      }
      StringBuilder b = new StringBuilder();
      for (BadRow r : bad) {
        b.append(
                PredictionJson.JSON
                    .createObjectNode()
                    .put("index", r.index())
                    .put("id", r.id())
                    .put("file", r.file())
                    .put("reason", r.reason())
                    .toString())
            .append('\n');
      }
      Files.writeString(f, b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }

  /** The file in a run directory that lists the rows left out of the run. */
  public static final String BAD_ROWS_FILE = "bad_rows.jsonl";

  private static boolean nonEmpty(Path f) {
    try {
      return Files.exists(f) && Files.size(f) > 0;
    } catch (IOException e) {
      return true;
    }
  }
}
