package spatialthinker.reward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Scores a batch in input order, splitting a large batch into contiguous chunks that a fixed pool
 * of worker threads scores in parallel; the calling thread scores the first chunk itself. Workers
 * never wait on other tasks, so callers sharing the pool (the service's request threads) cannot
 * deadlock, only queue.
 */
public final class BatchScorer implements AutoCloseable {

  /** Below this many records per chunk, the hand-off costs more than it saves. */
  static final int MIN_CHUNK = 8;

  private final int threads;
  private final ExecutorService pool;

  /** A scorer with {@code threads} workers in all (the caller's thread counts as one). */
  public BatchScorer(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "reward-scorer-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.pool = Executors.newFixedThreadPool(threads, factory);
  }

  /** Scores every input, results in input order. */
  public List<RewardScore> score(Reward reward, List<RewardInput> inputs) {
    return score(reward, inputs, done -> {});
  }

  /**
   * Scores every input, results in input order; {@code progress} receives the number of records
   * finished as each chunk completes.
   *
   * @throws MalformedRecordException when the reward rejects a record, carrying the lowest such
   *     index
   */
  public List<RewardScore> score(Reward reward, List<RewardInput> inputs, IntConsumer progress) {
    int n = inputs.size();
    RewardScore[] out = new RewardScore[n];
    int chunks = Math.min(threads, (n + MIN_CHUNK - 1) / MIN_CHUNK);
    if (chunks <= 1) {
      rethrow(scoreRange(reward, inputs, out, 0, n, progress));
      return Arrays.asList(out);
    }
    int size = (n + chunks - 1) / chunks;
    List<Future<RecordFailure>> futures = new ArrayList<>(chunks - 1);
    for (int from = size; from < n; from += size) {
      int start = from;
      int end = Math.min(n, from + size);
      futures.add(pool.submit(() -> scoreRange(reward, inputs, out, start, end, progress)));
    }
    RecordFailure first;
    try {
      first = scoreRange(reward, inputs, out, 0, size, progress);
    } catch (RuntimeException e) {
      futures.forEach(f -> f.cancel(true));
      throw e;
    }
    try {
      for (Future<RecordFailure> f : futures) {
        RecordFailure failure = f.get();
        if (failure != null && (first == null || failure.index() < first.index())) {
          first = failure;
        }
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scoring a batch of " + n, e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("scoring failed", e.getCause());
    }
    rethrow(first);
    return Arrays.asList(out);
  }

  /** A record the reward could not score, by index. */
  private record RecordFailure(int index, MalformedRecordException cause) {}

  private static RecordFailure scoreRange(
      Reward reward,
      List<RewardInput> inputs,
      RewardScore[] out,
      int from,
      int to,
      IntConsumer progress) {
    for (int i = from; i < to; i++) {
      try {
        out[i] = reward.score(inputs.get(i));
      } catch (MalformedRecordException e) {
        return new RecordFailure(i, e);
      }
    }
    progress.accept(to - from);
    return null;
  }

  private static void rethrow(RecordFailure failure) {
    if (failure != null) {
      throw new MalformedRecordException(failure.cause().getMessage(), failure.index());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
