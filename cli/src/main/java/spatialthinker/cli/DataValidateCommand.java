package spatialthinker.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spatialthinker.clients.ChatModel;
import spatialthinker.data.io.QaParquet;
import spatialthinker.data.validate.ValidationSummary;
import spatialthinker.data.validate.Validator;

/** {@code spatialthinker data validate}: the pass@2 consistency filter. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Keep the rows a vision model answers right in two tries, or in two more; drop the rest.",
      "Every answer is recorded in OUT.answers.jsonl; run again with the same --out to resume."
    })
final class DataValidateCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, paramLabel = "FILE.parquet", description = "QA rows")
  Path input;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.parquet",
      description = "the rows kept")
  Path out;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      description = "rows in flight at once (default: ${DEFAULT-VALUE})")
  int concurrency = 8;

  @Mixin ModelOptions model;

  @Override
  public Integer call() {
    int rows = QaParquet.read(input).size();
    ValidationSummary s;
    try (ChatModel m = model.create();
        ProgressBar bar = Progress.bar("validating", rows)) {
      s = new Validator(m, concurrency, model.maxTokens).run(input, out, bar::stepTo);
    }
    System.err.println(s.line() + "; wrote " + out + " and " + Validator.journalOf(out));
    return 0;
  }
}
