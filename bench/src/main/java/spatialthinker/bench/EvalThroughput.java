package spatialthinker.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import spatialthinker.clients.OpenAiChatModel;
import spatialthinker.clients.RetrySettings;
import spatialthinker.clients.loopback.LoopbackChatServer;
import spatialthinker.clients.loopback.LoopbackChatServer.Reply;
import spatialthinker.eval.benchmark.BenchmarkRegistry;
import spatialthinker.eval.benchmark.PromptTemplate;
import spatialthinker.eval.run.EvalRunner;
import spatialthinker.eval.run.RunConfig;
import spatialthinker.eval.testing.SyntheticData;

/**
 * Measures the runner's throughput against a stand-in server with a fixed latency {@code L}: the
 * wall time of {@code N} items at concurrency {@code C}, against the ideal {@code N·L/C}. Every
 * part of a real run takes part: parquet reading, image preparation, prompt composition, the HTTP
 * client, scoring and the predictions log.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar spatialthinker.bench.EvalThroughput
 * [items=1000] [latency-ms=200] [concurrencies=32,64] [repeat=5]}.
 */
public final class EvalThroughput {

  /**
   * One measurement.
   *
   * @param wall wall time from the first request to the last prediction written
   * @param total wall time of the whole run, opening the data and writing the summary included
   */
  public record Measurement(
      int items, Duration latency, int concurrency, Duration wall, Duration total, long requests) {

    /** {@code N·L/C}. */
    public Duration ideal() {
      return latency.multipliedBy(items).dividedBy(concurrency);
    }

    /** ideal / wall: 1.0 is perfect. */
    public double efficiency() {
      return (double) ideal().toNanos() / wall.toNanos();
    }

    /** One table row: items, latency, C, ideal, wall, efficiency, total. */
    public String row() {
      return String.format(
          Locale.ROOT,
          "| %d | %d | %d | %.3f | %.3f | %.3f | %.3f |",
          items,
          latency.toMillis(),
          concurrency,
          ideal().toNanos() / 1e9,
          wall.toNanos() / 1e9,
          efficiency(),
          total.toNanos() / 1e9);
    }
  }

  private EvalThroughput() {}

  private static final String HEADER =
      "| items N | latency L ms | concurrency C | ideal N·L/C s | wall s | ideal/wall | whole run s |"
          + "\n|---:|---:|---:|---:|---:|---:|---:|";

  public static void main(String[] args) throws java.io.IOException {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 200;
    List<Integer> cs =
        args.length > 2
            ? java.util.Arrays.stream(args[2].split(",")).map(Integer::valueOf).toList()
            : List.of(32, 64);
    int repeat = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    if (items < 1 || latencyMs < 1 || repeat < 1 || cs.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException("items, latency, concurrencies and repeat must be >= 1");
    }
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double loadBefore = os.getSystemLoadAverage();
    Path dir = java.nio.file.Files.createTempDirectory("st-eval-bench");
    List<Measurement> ms = run(items, Duration.ofMillis(latencyMs), cs, repeat, dir);
    System.out.println(HEADER);
    ms.forEach(m -> System.out.println(m.row()));
    System.out.println();
    System.out.println("Medians of " + repeat + " runs (by ideal/wall):");
    System.out.println(HEADER);
    cs.forEach(c -> System.out.println(median(ms, c).row()));
    System.out.printf(
        Locale.ROOT,
        "%nMachine: %d CPUs, %s %s, JDK %s, max heap %d MiB; load average %.2f before, %.2f"
            + " after.%n",
        os.getAvailableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        Runtime.version(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        loadBefore,
        os.getSystemLoadAverage());
    try (var walk = java.nio.file.Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Writes {@code items} synthetic CV-Bench items under {@code scratch}, warms the JVM up with one
   * short run, then runs {@code repeat} times at each concurrency (interleaved, so that a change in
   * the machine's load touches every concurrency alike).
   */
  public static List<Measurement> run(
      int items, Duration latency, List<Integer> concurrencies, int repeat, Path scratch) {
    // Each invocation gets its own directory: run directories refuse to be reused.
    Path work = scratch.resolve("bench-" + System.currentTimeMillis());
    Path data = work.resolve("data").resolve("test_2d.parquet");
    data.getParent().toFile().mkdirs();
    SyntheticData.writeCvBench(data, items, 42);
    List<Measurement> out = new ArrayList<>();
    try (LoopbackChatServer server =
        LoopbackChatServer.start(r -> new Reply.Answer("<answer>(A)</answer>"), latency, false)) {
      int maxC = concurrencies.stream().mapToInt(Integer::intValue).max().orElse(16);
      once(server, data, Math.min(items, 4 * maxC), maxC, work.resolve("warmup"));
      for (int rep = 0; rep < repeat; rep++) {
        for (int c : concurrencies) {
          int before = server.requestCount();
          long t0 = System.nanoTime();
          EvalRunner.Result r = once(server, data, items, c, work.resolve("r" + rep + "-c" + c));
          Duration total = Duration.ofNanos(System.nanoTime() - t0);
          out.add(
              new Measurement(items, latency, c, r.wall(), total, server.requestCount() - before));
        }
      }
    }
    return out;
  }

  /** The measurement of median efficiency among those at one concurrency. */
  public static Measurement median(List<Measurement> all, int concurrency) {
    List<Measurement> at =
        all.stream()
            .filter(m -> m.concurrency() == concurrency)
            .sorted(java.util.Comparator.comparingDouble(Measurement::efficiency))
            .toList();
    return at.get(at.size() / 2);
  }

  private static EvalRunner.Result once(
      LoopbackChatServer server, Path data, int items, int c, Path out) {
    OpenAiChatModel model =
        new OpenAiChatModel(
            new OpenAiChatModel.Config(
                server.baseUrl(), "loopback", Optional.empty(), Duration.ofSeconds(60)));
    RunConfig cfg =
        RunConfig.of(
                BenchmarkRegistry.get("cv-bench-2d"), data, PromptTemplate.SPATIAL_THINKER, out, c)
            .withLimit(items);
    return new EvalRunner(
            model, cfg, Optional.empty(), RetrySettings.DEFAULT, new EvalRunner.Listener() {})
        .run();
  }
}
