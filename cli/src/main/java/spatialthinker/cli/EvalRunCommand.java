package spatialthinker.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spatialthinker.clients.ChatModel;
import spatialthinker.eval.benchmark.Benchmark;
import spatialthinker.eval.benchmark.BenchmarkRegistry;
import spatialthinker.eval.benchmark.PromptTemplate;
import spatialthinker.eval.run.EvalRunner;
import spatialthinker.eval.run.RunConfig;
import spatialthinker.eval.score.Prediction;
import spatialthinker.eval.score.Summary;
import spatialthinker.eval.score.SummaryFormat;

/** {@code spatialthinker eval run}: evaluate a chat model on a benchmark. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    header = "Run a benchmark against a chat model and write its predictions and scores.",
    description = {
      "Run a benchmark against a chat model. Writes DIR/run.json (configuration",
      "and provenance), DIR/predictions.jsonl (one line per item, as answers",
      "arrive), DIR/summary.json and DIR/summary.md. A killed run continues with",
      "--resume and loses only the requests that were in flight."
    })
final class EvalRunCommand implements Callable<Integer> {

  @Option(
      names = "--benchmark",
      required = true,
      paramLabel = "NAME",
      description = "see: eval list")
  String benchmark;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "PATH",
      description = "the benchmark's parquet file, or a directory of shards")
  Path data;

  @Mixin ModelOptions model;

  @Option(
      names = "--template",
      paramLabel = "T",
      description =
          "spatial_thinker (default), spatial_thinker_train (the training rows' prompt),"
              + " reasoning, no_reasoning, reasoning_end; yes_no (hallusionbench) and vision"
              + " (mmmu-pro-vision, its only one)")
  String template;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      description = "requests in flight at most (default 16)")
  int concurrency = 16;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "run directory")
  Path out;

  @Option(names = "--resume", description = "continue the run in DIR, skipping finished items")
  boolean resume;

  @Option(names = "--retry-failed", description = "with --resume: run failed items again")
  boolean retryFailed;

  @Option(names = "--limit", paramLabel = "N", description = "only the first N items")
  Long limit;

  @Option(names = "--fsync", description = "force each prediction to disk (survives power loss)")
  boolean fsync;

  @Option(
      names = "--strict",
      description =
          "stop before the first request when a row cannot be scored (default: list it in"
              + " DIR/bad_rows.jsonl and leave it out)")
  boolean strict;

  @Override
  public Integer call() {
    EvalRunner.Result r;
    // The endpoint, model and key are checked before anything else.
    try (ChatModel chat = model.create()) {
      Benchmark bench = BenchmarkRegistry.get(benchmark);
      RunConfig cfg =
          new RunConfig(
              bench,
              data,
              template == null ? bench.defaultTemplate() : PromptTemplate.parse(template),
              out,
              concurrency,
              limit == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(limit),
              resume,
              retryFailed,
              model.maxTokens,
              model.temperature(),
              model.extraBody(),
              fsync,
              strict);
      ProgressListener progress = new ProgressListener(benchmark);
      try {
        r = new EvalRunner(chat, cfg, model.keyEnv(), model.retry(), progress).run();
      } finally {
        progress.close();
      }
    }
    Summary s = r.summary();
    System.out.print(SummaryFormat.markdown(s, s.benchmark()));
    System.err.printf(
        Locale.ROOT,
        "%s: %d items (%d new), accuracy %s %%, %d without an answer, %d failed%s; wrote %s%n",
        s.benchmark(),
        s.items(),
        r.newPredictions(),
        s.accuracy().percent(),
        s.noAnswer(),
        s.failed(),
        s.badRows() == 0
            ? ""
            : ", " + s.badRows() + " bad row(s) left out (" + out.resolve("bad_rows.jsonl") + ")",
        out.resolve("summary.md"));
    if (s.items() > 0 && s.failed() == s.items()) {
      System.err.printf(
          Locale.ROOT,
          "error: no item could be answered: all %d requests failed (errors in %s)%n",
          s.failed(),
          out.resolve("predictions.jsonl"));
      return 1;
    }
    return 0;
  }

  /** A progress bar with the running accuracy. */
  private static final class ProgressListener implements EvalRunner.Listener, AutoCloseable {
    private final String task;
    private ProgressBar bar;

    ProgressListener(String task) {
      this.task = task;
    }

    @Override
    public synchronized void started(long total, long alreadyDone) {
      bar = Progress.bar("eval " + task, total);
      bar.stepTo(alreadyDone);
    }

    @Override
    public synchronized void predicted(Prediction p, long done, long correct) {
      if (bar != null) {
        bar.stepTo(done);
        bar.setExtraMessage(String.format(Locale.ROOT, "acc %.1f%%", 100.0 * correct / done));
      }
    }

    @Override
    public synchronized void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
