package spatialthinker.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import spatialthinker.scenes.SceneGenerator;
import spatialthinker.scenes.ScenesJsonl;

/**
 * Scenes per second with N threads, as wall-clock throughput and as CPU time per scene. On a
 * machine shared with other work the wall-clock rate measures the share the threads got; the CPU
 * time per scene does not depend on that share, and {@code threads × 1000 / cpu ms} is the rate on
 * as many free cores. Each thread does what {@link RenderBenchmark} does.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar spatialthinker.bench.RenderThroughput
 * [threads=2] [seconds=30] [size=256]}.
 */
public final class RenderThroughput {

  private RenderThroughput() {}

  public static void main(String[] args) throws InterruptedException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    run(threads, 10, size); // warm-up: JIT compilation
    double[] r = run(threads, seconds, size);
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    System.out.printf(
        Locale.ROOT,
        "%d threads, %dx%d, %d s: %.1f scenes/s wall-clock; %.2f ms CPU per scene"
            + " = %.1f scenes/s on %d free cores; load average %.2f on %d CPUs%n",
        threads,
        size,
        size,
        seconds,
        r[0],
        r[1],
        threads * 1000 / r[1],
        threads,
        os.getSystemLoadAverage(),
        os.getAvailableProcessors());
  }

  // Returns {scenes per wall-clock second, CPU milliseconds per scene}.
  private static double[] run(int threads, int seconds, int size) throws InterruptedException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    AtomicLong scenes = new AtomicLong();
    AtomicLong cpuNanos = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int offset = t * 100_000;
      Thread w =
          new Thread(
              () -> {
                SceneGenerator gen = new SceneGenerator(size);
                long cpu0 = mx.getCurrentThreadCpuTime();
                int i = offset;
                while (System.nanoTime() < end) {
                  SceneGenerator.Generated g =
                      gen.generate(SceneGenerator.sceneSeed(42, i), SceneGenerator.imageId(i));
                  ScenesJsonl.toLine(g.scene());
                  i++;
                }
                cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
                scenes.addAndGet(i - offset);
              });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    return new double[] {scenes.get() / wall, cpuNanos.get() / 1e6 / scenes.get()};
  }
}
