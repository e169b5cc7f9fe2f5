package spatialthinker.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import spatialthinker.core.parse.ParseLimits;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardScore;

/**
 * Throughput of one reward call per thread on realistic records with 1 to 6 objects. Records cycle
 * through a pool of 1,024 so the CPU sees varied input; label similarities are cached after
 * warm-up, as in a training run whose labels repeat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DenseRewardBenchmark {

  @Param({"1", "3", "6"})
  int objects;

  @Param({"dense", "sparse"})
  String reward;

  @Param({"wordnet", "exact"})
  String labels;

  private List<RewardInput> records;
  private Reward scorer;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    records = RealisticRecords.generate(1024, objects, 42L + objects);
    scorer = Labels.presets(labels, ParseLimits.DEFAULT).create(reward);
    for (RewardInput r : records) {
      scorer.score(r);
    }
  }

  @Benchmark
  public RewardScore score() {
    RewardInput r = records.get(next);
    next = (next + 1) & 1023;
    return scorer.score(r);
  }
}
