package spatialthinker.cli;

import picocli.CommandLine;

/**
 * Shared command-line behaviour: bad input of any kind ends in one line on stderr naming what is
 * wrong and a non-zero exit code; usage errors print the usage hint.
 */
final class Cli {

  /** Exit code for a usage error (unknown option, missing argument). */
  static final int USAGE = 2;

  /** Exit code for bad input or a failed run. */
  static final int FAILED = 1;

  private Cli() {}

  static CommandLine newCommandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + oneLine(ex));
          return FAILED;
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("error: " + ex.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    return cl;
  }

  static String oneLine(Throwable ex) {
    String msg = ex.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = ex.getClass().getSimpleName();
    }
    return msg.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
