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
      "Writes FILE.parquet and its JSONL mirror FILE.jsonl; run again with the same options to"
          + " resume."
    })
final class DataSynthCommand implements Callable<Integer> {

  @Option(
      names = "--scenes",
      required = true,
      paramLabel = "DIR",
      description = "directory with scenes.jsonl and images/")
  Path scenes;

  @Option(names = "--out", required = true, paramLabel = "FILE.parquet", description = "output")
  Path out;

  @Mixin SynthSettings settings;

  @Override
  public Integer call() {
    return settings.run(RenderedScenes.open(scenes), out);
  }
}
