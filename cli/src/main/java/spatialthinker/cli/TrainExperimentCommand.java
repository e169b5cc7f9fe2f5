package spatialthinker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code spatialthinker train experiment}. */
@Command(name = "experiment", mixinStandardHelpOptions = true, description = "Compare arms.")
final class TrainExperimentCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("not yet");
  }
}
