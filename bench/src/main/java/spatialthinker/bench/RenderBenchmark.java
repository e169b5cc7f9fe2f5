package spatialthinker.bench;

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
import spatialthinker.scenes.SceneGenerator;
import spatialthinker.scenes.ScenesJsonl;

/**
 * Scenes per second, one generator per thread: sample a world, render it (2×2 samples, shadows),
 * derive boxes, visibility and relations, encode the PNG and the {@code scenes.jsonl} line; only
 * the file writes of {@code scenes render} are left out. Scenes cycle through 1,024 seeds so the
 * mix of object counts and kinds is that of real runs. Run with {@code -t 2} for two cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RenderBenchmark {

  @Param({"256"})
  int size;

  private SceneGenerator generator;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    generator = new SceneGenerator(size);
    next = (int) (Thread.currentThread().threadId() * 131) & 1023;
  }

  @Benchmark
  public int scene() {
    int i = next;
    next = (next + 1) & 1023;
    SceneGenerator.Generated g =
        generator.generate(SceneGenerator.sceneSeed(42, i), SceneGenerator.imageId(i));
    return g.png().length + ScenesJsonl.toLine(g.scene()).length();
  }
}
