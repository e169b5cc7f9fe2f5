package spatialthinker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import spatialthinker.eval.score.Rescorer;
import spatialthinker.eval.score.Summary;
import spatialthinker.eval.score.SummaryFormat;

/** {@code spatialthinker eval score}: re-extract and re-score saved responses. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    header = "Re-extract answers from saved responses and re-score them.",
    description = {
      "Re-extract answers from saved responses and re-score them. Each input line",
      "is a JSON object with at least response, choices (option texts) and answer",
      "(letter, option text or index); each output line is the input line with",
      "pred (letter or null) and correct added. Reads our predictions.jsonl and",
      "other harnesses' outputs alike."
    })
final class EvalScoreCommand implements Callable<Integer> {

  @Option(
      names = "--input",
      required = true,
      paramLabel = "PREDICTIONS.jsonl",
      description = "saved responses")
  Path input;

  @Option(
      names = "--output",
      paramLabel = "OUT.jsonl",
      description = "where to write the rescored lines")
  Path output;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(input)) {
      throw new IllegalArgumentException("--input " + input + ": no such file");
    }
    List<Rescorer.Line> lines = Rescorer.rescore(input);
    if (output != null) {
      Rescorer.write(output, lines);
    }
    Map<String, Summary> summaries = Rescorer.summaries(lines);
    summaries.values().forEach(s -> System.out.print(SummaryFormat.markdown(s, s.benchmark())));
    long answered = lines.stream().filter(l -> l.prediction().pred().isPresent()).count();
    long correct = lines.stream().filter(l -> l.prediction().correct()).count();
    System.err.printf(
        Locale.ROOT,
        "scored %d lines: %d answered, %d correct (%.1f %%)%s%n",
        lines.size(),
        answered,
        correct,
        lines.isEmpty() ? 0.0 : 100.0 * correct / lines.size(),
        output == null ? "" : "; wrote " + output);
    return 0;
  }
}
