package spatialthinker.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import spatialthinker.eval.ThroughputBenchmark;

/** {@code spatialthinker eval bench}: runner throughput against a stand-in server. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure evaluation throughput: N synthetic items against a loopback server",
      "that answers after a fixed latency L, at each concurrency C; compares the",
      "wall time with the ideal N*L/C."
    })
final class EvalBenchCommand implements Callable<Integer> {

  @Option(names = "--items", paramLabel = "N", description = "items per run (default 1000)")
  int items = 1000;

  @Option(names = "--latency-ms", paramLabel = "L", description = "server latency (default 200)")
  long latencyMs = 200;

  @Option(
      names = "--concurrency",
      split = ",",
      paramLabel = "C",
      description = "concurrencies to measure (default 32,64)")
  List<Integer> concurrency = List.of(32, 64);

  @Option(
      names = "--repeat",
      paramLabel = "R",
      description = "measure each concurrency R times, interleaved; medians follow (default 1)")
  int repeat = 1;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "scratch directory (default: a temporary one)")
  Path work;

  @Override
  public Integer call() throws IOException {
    if (items < 1 || latencyMs < 1 || repeat < 1 || concurrency.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException(
          "--items, --latency-ms, --repeat and --concurrency must be >= 1");
    }
    Path dir =
        work != null ? Files.createDirectories(work) : Files.createTempDirectory("st-eval-bench");
    List<ThroughputBenchmark.Measurement> ms =
        ThroughputBenchmark.run(items, Duration.ofMillis(latencyMs), concurrency, repeat, dir);
    System.out.println(
        "| items N | latency L ms | concurrency C | ideal N·L/C s | wall s | ideal/wall | whole run s |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    ms.forEach(m -> System.out.println(m.row()));
    if (repeat > 1) {
      System.out.println();
      System.out.println("Medians of " + repeat + " runs (by ideal/wall):");
      System.out.println();
      System.out.println(
          "| items N | latency L ms | concurrency C | ideal N·L/C s | wall s | ideal/wall | whole run s |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
      concurrency.forEach(c -> System.out.println(ThroughputBenchmark.median(ms, c).row()));
    }
    System.out.println();
    System.out.println(
        "Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " CPU cores, "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
            + ", JDK "
            + Runtime.version()
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB.");
    if (work == null) {
      deleteQuietly(dir);
    }
    System.err.println("measured " + ms.size() + " concurrency level(s)");
    return 0;
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
