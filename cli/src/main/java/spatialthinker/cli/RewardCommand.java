package spatialthinker.cli;

import picocli.CommandLine.Command;

/** {@code spatialthinker reward}: score responses, or serve the reward over HTTP. */
@Command(
    name = "reward",
    mixinStandardHelpOptions = true,
    description = "Score model responses with the SpatialThinker rewards, or serve them over HTTP.",
    subcommands = {RewardScoreCommand.class, RewardServeCommand.class})
final class RewardCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
