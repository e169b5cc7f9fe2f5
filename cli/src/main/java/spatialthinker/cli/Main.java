package spatialthinker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spatialthinker} command. */
@Command(
    name = "spatialthinker",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Spatial reasoning for vision-language models: data, reward, training, evaluation.",
    subcommands = {
      ScenesCommand.class,
      DataCommand.class,
      RewardCommand.class,
      TrainCommand.class,
      ServeCommand.class,
      EvalCommand.class,
      DemoCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return Cli.newCommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
