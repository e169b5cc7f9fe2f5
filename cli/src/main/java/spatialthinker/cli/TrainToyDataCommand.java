package spatialthinker.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import spatialthinker.train.toy.ToySpatialData;

/** {@code spatialthinker train toy-data}: a small synthetic QA parquet for trying training. */
@Command(
    name = "toy-data",
    mixinStandardHelpOptions = true,
    header = "Write a toy QA parquet for trying training without rendered data.",
    description = {
      "Write a toy QA parquet (Java2D shapes, relation and size questions, teacher responses)",
      "in the data set's columns, for trying training without the rendered data."
    })
final class TrainToyDataCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "FILE.parquet")
  Path out;

  @Option(names = "--count", paramLabel = "N", description = "rows (default 2000)")
  int count = 2000;

  @Option(names = "--size", paramLabel = "PX", description = "image side in pixels (default 64)")
  int size = 64;

  @Option(names = "--val-split", paramLabel = "F", description = "val fraction (default 0.2)")
  double val = 0.2;

  @Option(names = "--seed", paramLabel = "S", description = "seed (default 1)")
  long seed = 1;

  @Override
  public Integer call() {
    if (count < 2) {
      throw new IllegalArgumentException("--count must be >= 2, got " + count);
    }
    new ToySpatialData(size).write(out, count, val, seed);
    System.err.println("wrote " + count + " toy rows to " + out);
    return 0;
  }
}
