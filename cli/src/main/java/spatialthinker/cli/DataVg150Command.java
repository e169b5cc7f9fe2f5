package spatialthinker.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spatialthinker.scenes.Vg150Scenes;

/** {@code spatialthinker data vg150}: QA rows from VG150 scene graphs. */
@Command(
    name = "vg150",
    mixinStandardHelpOptions = true,
    header = "Write a balanced STVQA-style QA data set from a VG150 parquet file.",
    description = {
      "Write a balanced STVQA-style QA data set from a VG150 parquet file (image_id, image,",
      "objects, relationships). Templates write relation, reach, instance_location and count;",
      "--generator llm lets a model write any category from the graph, as the paper did."
    })
final class DataVg150Command implements Callable<Integer> {

  @Option(
      names = "--input",
      required = true,
      paramLabel = "vg150.parquet",
      description = "VG150 scene graphs with images")
  Path input;

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
    return settings.run(Vg150Scenes.open(input), out);
  }
}
