package spatialthinker.eval.load;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import spatialthinker.eval.benchmark.Benchmark;

/** Finds a benchmark's parquet files under a data path. */
final class DataFiles {

  private static final int LISTED = 8;

  private DataFiles() {}

  /**
   * The file itself, or the files under a directory that the first matching pattern of the
   * benchmark selects, sorted by path. Only the benchmark's own patterns are tried (there is no
   * catch-all), so a directory holding another config's files is an error, not those files.
   */
  static List<Path> resolve(Benchmark benchmark, Path data) {
    if (!Files.exists(data)) {
      throw new BenchmarkDataException("--data " + data + ": no such file or directory");
    }
    if (Files.isRegularFile(data)) {
      return List.of(data.toAbsolutePath());
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(data)) {
      all =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new BenchmarkDataException("--data " + data + ": cannot list: " + e.getMessage(), e);
    }
    for (String glob : benchmark.fileGlobs()) {
      List<String> variants = new ArrayList<>(List.of(glob));
      if (glob.startsWith("**/")) {
        variants.add(glob.substring(3));
      }
      List<Path> hits = new ArrayList<>();
      for (String v : variants) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + v);
        for (Path p : all) {
          if (m.matches(data.relativize(p)) && !hits.contains(p)) {
            hits.add(p);
          }
        }
      }
      if (!hits.isEmpty()) {
        return hits.stream().sorted().map(Path::toAbsolutePath).toList();
      }
    }
    throw new BenchmarkDataException(
        "--data "
            + data
            + ": no file matches the patterns of "
            + benchmark.name()
            + " ("
            + benchmark.hfRepo()
            + ", config "
            + benchmark.hfConfig()
            + "): "
            + String.join(", ", benchmark.fileGlobs())
            + "; the directory holds "
            + holds(data, all));
  }

  private static String holds(Path data, List<Path> all) {
    if (all.isEmpty()) {
      return "no .parquet files";
    }
    List<String> names = new ArrayList<>();
    for (Path p : all.subList(0, Math.min(LISTED, all.size()))) {
      names.add(data.relativize(p).toString());
    }
    return all.size()
        + " .parquet file"
        + (all.size() > 1 ? "s: " : ": ")
        + String.join(", ", names)
        + (all.size() > LISTED ? ", …" : "");
  }
}
