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
import spatialthinker.eval.report.HtmlReport;
import spatialthinker.eval.report.ReportInput;
import spatialthinker.eval.report.RunReport;

/** {@code spatialthinker eval report}: several runs side by side. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    header = "Put evaluation runs side by side as a Markdown table and an HTML page.",
    description = {
      "Put runs side by side: a Markdown table (accuracy %% ± standard error per benchmark, task",
      "and score) and, with --html, one self-contained HTML page: results with 95%% intervals,",
      "charts, training curves of any training run directories given, and every prediction",
      "with its image, predicted and true boxes and the full response."
    })
final class EvalReportCommand implements Callable<Integer> {

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "evaluation run directories, and training run directories (metrics.jsonl)")
  List<Path> dirs;

  @Option(
      names = "--output",
      paramLabel = "REPORT.md",
      description = "write the Markdown here, not to stdout")
  Path output;

  @Option(names = "--html", paramLabel = "REPORT.html", description = "also write the HTML report")
  Path html;

  @Option(names = "--title", paramLabel = "TEXT", description = "title of the HTML report")
  String title = "SpatialThinker-J evaluation report";

  @Option(
      names = "--max-items",
      paramLabel = "N",
      description = "predictions per run embedded in the HTML, with images (default 300)")
  int maxItems = ReportInput.DEFAULT_MAX_PREDICTIONS;

  @Override
  public Integer call() {
    ReportInput input = ReportInput.ofDirectories(title, dirs, maxItems);
    try {
      if (!input.runs().isEmpty()) {
        String md = new RunReport(input.runs()).markdown();
        if (output == null) {
          System.out.print(md);
        } else {
          Files.writeString(output, md);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
    if (html != null) {
      new HtmlReport(input).write(html);
    }
    System.err.println(
        "reported "
            + input.runs().size()
            + " evaluation run(s) and "
            + input.training().size()
            + " training run(s)"
            + (output == null || input.runs().isEmpty() ? "" : "; wrote " + output)
            + (html == null ? "" : "; wrote " + html));
    return 0;
  }
}
