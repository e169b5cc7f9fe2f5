package spatialthinker.cli;

import picocli.CommandLine.Command;

/** {@code spatialthinker eval}: run benchmarks against chat models, score, report. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate chat models on the spatial benchmarks; re-score and compare runs.",
    subcommands = {
      EvalRunCommand.class,
      EvalScoreCommand.class,
      EvalReportCommand.class,
      EvalListCommand.class
    })
final class EvalCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
