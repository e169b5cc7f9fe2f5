package spatialthinker.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import spatialthinker.data.AnswerBalance;
import spatialthinker.data.DatasetStats;
import spatialthinker.data.QaRow;
import spatialthinker.data.io.QaParquet;

/** {@code spatialthinker data stats}: counts and answer balance over QA parquet data. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description =
        "Print rows per split, category, level and source, images per split (and in both), the"
            + " answer-letter spread against a uniform shuffle, and per category the answer"
            + " distribution and the blind template prior against chance, flagging SKEW.")
final class DataStatsCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "FILE|DIR",
      description = "a QA parquet file, or a directory whose *.parquet files are read together")
  Path file;

  @Option(
      names = "--fail-on-skew",
      description = "exit with status 3 when a category is flagged SKEW")
  boolean failOnSkew;

  @Override
  public Integer call() {
    List<QaRow> rows = read(file);
    DatasetStats.of(rows).report().forEach(System.out::println);
    AnswerBalance balance = AnswerBalance.of(rows);
    balance.report().forEach(System.out::println);
    return failOnSkew && balance.skewed() ? 3 : 0;
  }

  static List<QaRow> read(Path path) {
    if (!Files.isDirectory(path)) {
      return QaParquet.read(path);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(path)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(path + ": no *.parquet files in the directory");
    }
    List<QaRow> rows = new ArrayList<>();
    files.forEach(f -> rows.addAll(QaParquet.read(f)));
    return rows;
  }
}
