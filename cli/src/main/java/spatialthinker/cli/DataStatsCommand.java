package spatialthinker.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import spatialthinker.data.DatasetStats;
import spatialthinker.data.io.QaParquet;

/** {@code spatialthinker data stats}: counts over a QA parquet file. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description =
        "Print rows per split, category, level and source, images per split (and in both), and"
            + " the answer-letter spread against a uniform shuffle.")
final class DataStatsCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "a QA parquet file")
  Path file;

  @Override
  public Integer call() {
    DatasetStats.of(QaParquet.read(file)).report().forEach(System.out::println);
    return 0;
  }
}
