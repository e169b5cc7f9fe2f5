package spatialthinker.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spatialthinker.scenes.RenderedScenes;

/** {@code spatialthinker data synth}: QA rows from a directory of rendered scenes. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Write a balanced STVQA-style QA data set from rendered scenes (scenes.jsonl + images/).",
      "Writes DIR/{train,val}-*.parquet (or FILE.parquet) and the JSONL mirror DIR.jsonl (or"
          + " FILE.jsonl); run again with the same options to resume."
    })
final class DataSynthCommand implements Callable<Integer> {

  @Option(
      names = "--scenes",
      required = true,
      paramLabel = "DIR",
      description = "directory with scenes.jsonl and images/")
  Path scenes;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR|FILE.parquet",
      description =
          "output: a directory of Hugging Face split files (train-00000-of-00001.parquet,"
              + " val-00000-of-00001.parquet), or one .parquet file with a split column")
  Path out;

  @Mixin SynthSettings settings;

  @Override
  public Integer call() {
    settings.check();
    return settings.run(RenderedScenes.open(scenes), out);
  }
}
