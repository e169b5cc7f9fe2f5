package spatialthinker.cli;

import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Option;
import spatialthinker.clients.ChatModel;
import spatialthinker.data.QuestionSource;
import spatialthinker.data.SynthOptions;
import spatialthinker.data.SynthSummary;
import spatialthinker.data.SynthesisJob;
import spatialthinker.data.TeacherStyle;
import spatialthinker.data.io.QaOutput;
import spatialthinker.data.llm.Journal;
import spatialthinker.data.llm.LlmQuestions;
import spatialthinker.data.synth.TemplateQuestions;
import spatialthinker.scenes.SceneSource;

/** Options shared by {@code data synth} and {@code data vg150}, and the run they start. */
final class SynthSettings {

  @Option(
      names = "--target",
      paramLabel = "N",
      description = "rows wanted (default: ${DEFAULT-VALUE})")
  int target = 5000;

  @Option(
      names = "--relation-percent",
      paramLabel = "P",
      description = "share of relation questions in percent (default: ${DEFAULT-VALUE})")
  double relationPercent = 50;

  @Option(
      names = "--val-split",
      paramLabel = "F",
      description = "share of rows for validation, split by image (default: ${DEFAULT-VALUE})")
  double valSplit = 0.1;

  @Option(names = "--seed", paramLabel = "S", description = "run seed (default: ${DEFAULT-VALUE})")
  long seed = 0;

  @Option(
      names = "--per-category",
      paramLabel = "N",
      description = "most template questions per category per scene (default: ${DEFAULT-VALUE})")
  int perCategory = TemplateQuestions.DEFAULT_PER_CATEGORY;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "question-writing threads, or concurrent model requests (default: ${DEFAULT-VALUE})")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  @Option(
      names = "--generator",
      paramLabel = "template|llm",
      description = "template: answers from the scene truth; llm: a model writes from the graph")
  String generator = "template";

  @Option(
      names = "--teacher",
      paramLabel = "full|compact",
      description =
          "teacher responses: full (default), or compact (one-line observe and think) for the"
              + " small CPU policies")
  String teacher = "full";

  @Option(
      names = "--tries",
      paramLabel = "N",
      description =
          "llm: tries per scene for a reply that is not usable JSON (default: ${DEFAULT-VALUE})")
  int tries = LlmQuestions.DEFAULT_TRIES;

  @Option(
      names = "--images",
      paramLabel = "single|list",
      description =
          "images column: single (one Image per row, as STVQA-7K; the SpatialThinker EasyR1 fork"
              + " reads it) or list (a list of Images, which upstream EasyR1 needs) (default:"
              + " ${DEFAULT-VALUE})")
  String images = "single";

  @picocli.CommandLine.Mixin ModelOptions model;

  /** Checks the options that need no input, before any input is opened. */
  void check() {
    QaOutput.Images.parse(images);
  }

  /**
   * Runs synthesis from a source into {@code out} (a {@code .parquet} file, or a directory of split
   * files) and prints the summary.
   */
  int run(SceneSource source, Path out) {
    QaOutput.Images.parse(images);
    SynthOptions options =
        new SynthOptions(
            target, relationPercent, valSplit, seed, threads, TeacherStyle.of(teacher));
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !parent.toFile().isDirectory() && !parent.toFile().mkdirs()) {
      throw new IllegalArgumentException("--out " + out + ": cannot create its directory");
    }
    SynthSummary s;
    switch (generator) {
      case "template" -> s = run(source, new TemplateQuestions(seed, perCategory), options, out);
      case "llm" -> {
        Path journal =
            SynthesisJob.mirrorOf(out.toAbsolutePath())
                .resolveSibling(
                    out.getFileName().toString().replaceAll("\\.parquet$", "")
                        + ".generated.jsonl");
        try (ChatModel m = model.create();
            Journal j = new Journal(journal, "image_id")) {
          s = run(source, new LlmQuestions(m, j, tries, 512), options, out);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "--generator must be template or llm, got '" + generator + "'");
    }
    s.plan().shortfalls().forEach(line -> System.err.println("short: " + line));
    if (!s.skipped().isEmpty()) {
      System.err.println("skipped " + s.skipped().size() + " scenes, e.g. " + s.skipped().get(0));
    }
    System.err.println(s.line() + "; wrote " + out + " and " + SynthesisJob.mirrorOf(out));
    return 0;
  }

  private SynthSummary run(
      SceneSource source, QuestionSource questions, SynthOptions options, Path out) {
    QaOutput output =
        new QaOutput(out, QaOutput.Images.parse(images), QaOutput.DEFAULT_SHARD_BYTES);
    try (ProgressBar scenes = Progress.bar("scenes", -1)) {
      ProgressBar[] rows = {null};
      try {
        return new SynthesisJob(source, questions, options, output)
            .run(
                new SynthesisJob.Listener() {
                  @Override
                  public void scene(int done) {
                    scenes.stepTo(done);
                  }

                  @Override
                  public void rowsPlanned(int total) {
                    rows[0] = Progress.bar("rows", total);
                  }

                  @Override
                  public void row(int done) {
                    rows[0].stepTo(done);
                  }
                });
      } finally {
        if (rows[0] != null) {
          rows[0].close();
        }
      }
    }
  }
}
