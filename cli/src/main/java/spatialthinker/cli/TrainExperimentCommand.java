package spatialthinker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spatialthinker.train.Preset;
import spatialthinker.train.experiment.ArmResult;
import spatialthinker.train.experiment.Experiment;
import spatialthinker.train.experiment.LearningCurves;
import spatialthinker.train.experiment.ResultsReport;

/** {@code spatialthinker train experiment}: SFT versus GRPO with each reward, several seeds. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    header = "Compare reward arms (SFT, sparse, dense, ...) over seeds, as the paper does.",
    description = {
      "The paper's comparison: per seed one SFT run, then GRPO from it with each reward arm;",
      "every arm evaluated on the val split (accuracy, dense reward, box IoU, per category),",
      "mean ± 95%% CI over seeds, learning curves as SVG, a Markdown report in --out."
    })
final class TrainExperimentCommand implements Callable<Integer> {

  @Option(
      names = "--arms",
      paramLabel = "ARMS",
      description =
          "comma-separated: sft, blind (the same SFT on blanked images) and reward specs"
              + " (default sft,sparse,dense)")
  String arms = "sft,sparse,dense";

  @Option(names = "--seeds", paramLabel = "N", description = "seeds 1..N (default 3)")
  int seeds = 3;

  @Option(names = "--data", required = true, paramLabel = "FILE.parquet")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR")
  Path out;

  @Option(names = "--preset", paramLabel = "tiny|small|vision|base", description = "default small")
  String preset = "small";

  @Option(names = "--sft-steps", paramLabel = "N", description = "override SFT steps")
  Integer sftSteps;

  @Option(names = "--grpo-steps", paramLabel = "N", description = "override GRPO steps")
  Integer grpoSteps;

  @Option(
      names = "--vision-aux",
      paramLabel = "W",
      description = "weight of the vision pre-training loss in SFT (default 0: the preset's)")
  double visionAux;

  @Option(
      names = "--patience",
      paramLabel = "N",
      description = "SFT validations without improvement before stopping (default: the preset's)")
  Integer patience;

  @Option(
      names = "--results",
      paramLabel = "FILE.md",
      description = "also write the report here (figures are copied beside it)")
  Path results;

  @Option(
      names = "--note",
      paramLabel = "TEXT",
      description = "a line about the data, printed at the top of the report")
  String note = "";

  @Mixin RewardOptions rewardOptions;

  @Override
  public Integer call() {
    List<String> armList =
        Arrays.stream(arms.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    Experiment.Spec spec =
        new Experiment.Spec(
            data,
            out,
            Preset.of(preset),
            armList,
            seeds,
            sftSteps == null ? OptionalInt.empty() : OptionalInt.of(sftSteps),
            grpoSteps == null ? OptionalInt.empty() : OptionalInt.of(grpoSteps),
            visionAux,
            patience == null ? OptionalInt.empty() : OptionalInt.of(patience));
    List<ArmResult> res;
    try (var bar = Progress.bar("experiment", (long) seeds * armList.size())) {
      res =
          new Experiment(rewardOptions.presets(), Runtime.getRuntime().availableProcessors())
              .run(
                  spec,
                  (arm, seed, r) -> {
                    bar.step();
                    System.err.printf(
                        Locale.ROOT,
                        "seed %d %s: accuracy %.3f, dense reward %.3f, box IoU %.3f%n",
                        seed,
                        arm,
                        r.accuracy(),
                        r.denseReward(),
                        r.boxIou());
                  },
                  List.of());
    }
    List<String> figures = new ArrayList<>();
    for (String[] m :
        new String[][] {
          {"val_accuracy", "accuracy"}, {"val_reward", "dense reward"}, {"val_box_iou", "box IoU"}
        }) {
      String name = "curve-" + m[0].replace("val_", "").replace('_', '-') + ".svg";
      var series = Experiment.curves(out, armList, seeds, m[0]);
      LearningCurves.write(out.resolve(name), "Validation " + m[1] + " during GRPO", m[1], series);
      if (results != null) {
        Path dir = results.toAbsolutePath().getParent();
        LearningCurves.write(dir.resolve("results-" + name), "Validation " + m[1], m[1], series);
        figures.add("results-" + name);
      }
    }
    String command =
        "spatialthinker train experiment --arms "
            + arms
            + " --seeds "
            + seeds
            + " --preset "
            + preset
            + (sftSteps == null ? "" : " --sft-steps " + sftSteps)
            + (grpoSteps == null ? "" : " --grpo-steps " + grpoSteps)
            + (visionAux == 0 ? "" : " --vision-aux " + visionAux)
            + (patience == null ? "" : " --patience " + patience)
            + " --data "
            + data
            + " --out "
            + out;
    String dataNote = note.isBlank() ? "Data: `" + data + "`." : note;
    String md =
        ResultsReport.markdown(
            "Results: SFT vs GRPO rewards (" + preset + " preset)",
            command,
            dataNote,
            armList,
            res,
            figures.isEmpty() ? List.of("curve-accuracy.svg", "curve-reward.svg") : figures,
            Experiment.templatePrior(data));
    ResultsReport.write(out.resolve("results.md"), md);
    if (results != null) {
      ResultsReport.write(results, md);
    }
    System.err.println(
        "experiment: "
            + res.size()
            + " evaluations; report "
            + (results == null ? out.resolve("results.md") : results));
    return 0;
  }
}
