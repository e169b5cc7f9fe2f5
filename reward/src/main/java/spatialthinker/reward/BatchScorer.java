package spatialthinker.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Scores many records in parallel, keeping their order. Work is split into contiguous chunks, one
 * task per chunk, over a fixed number of threads.
 */
public final class BatchScorer {

  private final Reward reward;
  private final int threads;

  public BatchScorer(Reward reward, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.reward = reward;
    this.threads = threads;
  }

  /**
   * Scores all inputs; {@code progress} receives the number of records finished per chunk. A record
   * that cannot be scored raises {@link MalformedRecordException} carrying its index; the first
   * such record in input order is the one reported when several fail.
   */
  public List<RewardScore> scoreAll(List<RewardInput> inputs, IntConsumer progress) {
    int n = inputs.size();
    RewardScore[] out = new RewardScore[n];
    if (threads == 1 || n < 64) {
      for (int i = 0; i < n; i++) {
        out[i] = scoreOne(inputs, i);
      }
      progress.accept(n);
      return List.of(out);
    }
    int chunk = Math.max(16, Math.min(4096, n / (threads * 8) + 1));
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int start = 0; start < n; start += chunk) {
        int from = start;
        int to = Math.min(n, start + chunk);
        futures.add(
            pool.submit(
                () -> {
                  for (int i = from; i < to; i++) {
                    out[i] = scoreOne(inputs, i);
                  }
                  progress.accept(to - from);
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scoring interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
    return List.of(out);
  }

  private RewardScore scoreOne(List<RewardInput> inputs, int i) {
    try {
      return reward.score(inputs.get(i));
    } catch (MalformedRecordException e) {
      throw new MalformedRecordException(e.getMessage(), i);
    }
  }
}
