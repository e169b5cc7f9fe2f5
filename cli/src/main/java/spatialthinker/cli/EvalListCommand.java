package spatialthinker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import spatialthinker.eval.benchmark.Benchmark;
import spatialthinker.eval.benchmark.BenchmarkRegistry;

/** {@code spatialthinker eval list}: the benchmarks and where their data comes from. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the benchmarks with their Hugging Face repository, config, split and size.")
final class EvalListCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.out.println(
        "| benchmark | also known as | what | HF dataset | config | split | items |");
    System.out.println("|---|---|---|---|---|---|---:|");
    for (Benchmark b : BenchmarkRegistry.all()) {
      System.out.printf(
          "| %s | %s | %s | %s | %s | %s | %s |%n",
          b.name(),
          String.join(", ", b.aliases()),
          b.title(),
          b.hfRepo(),
          b.hfConfig(),
          b.split(),
          b.expectedTotal() == 0 ? "varies" : String.valueOf(b.expectedTotal()));
    }
    System.err.println(BenchmarkRegistry.all().size() + " benchmarks");
    return 0;
  }
}
