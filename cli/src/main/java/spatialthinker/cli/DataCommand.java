package spatialthinker.cli;

import picocli.CommandLine.Command;

/** {@code spatialthinker data}: make, validate and inspect STVQA-style QA data sets. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description =
        "Make STVQA-style spatial QA data sets, validate them with a model, inspect them.",
    subcommands = {
      DataSynthCommand.class,
      DataVg150Command.class,
      DataValidateCommand.class,
      DataStatsCommand.class
    })
final class DataCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
