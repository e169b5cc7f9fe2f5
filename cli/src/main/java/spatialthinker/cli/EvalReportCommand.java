package spatialthinker.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import spatialthinker.eval.RunReport;

/** {@code spatialthinker eval report}: several runs side by side. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Put runs side by side (accuracy % ± standard error per benchmark, task and score).")
final class EvalReportCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "run directories")
  List<Path> dirs;

  @Option(
      names = "--output",
      paramLabel = "REPORT.md",
      description = "write the Markdown here, not to stdout")
  Path output;

  @Option(names = "--html", paramLabel = "REPORT.html", description = "also write an HTML table")
  Path html;

  @Override
  public Integer call() {
    RunReport report = RunReport.of(dirs);
    try {
      if (output == null) {
        System.out.print(report.markdown());
      } else {
        Files.writeString(output, report.markdown());
      }
      if (html != null) {
        Files.writeString(html, report.html());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
    System.err.println(
        "reported "
            + dirs.size()
            + " run(s)"
            + (output == null ? "" : "; wrote " + output)
            + (html == null ? "" : "; wrote " + html));
    return 0;
  }
}
