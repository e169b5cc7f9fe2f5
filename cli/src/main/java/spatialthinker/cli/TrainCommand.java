package spatialthinker.cli;

import picocli.CommandLine.Command;

/** {@code spatialthinker train}: SFT, GRPO, the reward comparison, toy data. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train the small vision-language policy: SFT, GRPO, the reward experiment.",
    subcommands = {
      TrainSftCommand.class,
      TrainGrpoCommand.class,
      TrainExperimentCommand.class,
      TrainToyDataCommand.class
    })
final class TrainCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
