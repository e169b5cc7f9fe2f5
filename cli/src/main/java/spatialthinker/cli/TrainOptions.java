package spatialthinker.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;
import spatialthinker.train.Preset;
import spatialthinker.train.RunSpec;

/** Options shared by {@code train sft} and {@code train grpo}. */
final class TrainOptions {

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE.parquet",
      description = "QA data set")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "run directory")
  Path out;

  @Option(
      names = "--preset",
      paramLabel = "tiny|small|vision|base",
      description = "model and training size (default small)")
  String preset = "small";

  @Option(names = "--seed", paramLabel = "S", description = "seed (default 1)")
  long seed = 1;

  @Option(names = "--resume", description = "continue the run in --out from its last checkpoint")
  boolean resume;

  @Option(
      names = "--init",
      paramLabel = "CHECKPOINT",
      description = "start from this checkpoint or run directory (GRPO: the SFT run)")
  Path init;

  @Option(names = "--steps", paramLabel = "N", description = "override the preset's step budget")
  Integer steps;

  @Option(
      names = "--vision-aux",
      paramLabel = "W",
      description =
          "weight of the vision pre-training loss in SFT (per patch, the covering object's label"
              + " and box; default 0: the preset's)")
  double visionAux;

  @Option(
      names = "--patience",
      paramLabel = "N",
      description = "SFT validations without improvement before stopping (default: the preset's)")
  Integer patience;

  @Option(
      names = "--blind-images",
      description = "train (and later decode) on blank images: the blind control")
  boolean blindImages;

  RunSpec spec(String reward) {
    return new RunSpec(
        data,
        out,
        Preset.of(preset),
        seed,
        reward,
        resume,
        Optional.ofNullable(init),
        steps == null ? OptionalInt.empty() : OptionalInt.of(steps),
        visionAux,
        blindImages,
        patience == null ? OptionalInt.empty() : OptionalInt.of(patience));
  }
}
