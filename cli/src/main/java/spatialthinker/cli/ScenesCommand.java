package spatialthinker.cli;

import picocli.CommandLine.Command;

/** {@code spatialthinker scenes}: synthetic 3D scenes with exact ground truth. */
@Command(
    name = "scenes",
    mixinStandardHelpOptions = true,
    description = "Render synthetic tabletop scenes with exact 2D/3D ground truth.",
    subcommands = {ScenesRenderCommand.class})
final class ScenesCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
