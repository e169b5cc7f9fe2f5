package spatialthinker.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import spatialthinker.reward.RewardPresets;

/** A GRPO run in its own JVM, for the kill-and-resume test: {@code DATA OUT INIT STEPS RESUME}. */
public final class GrpoChild {

  private GrpoChild() {}

  public static void main(String[] args) {
    RunSpec spec =
        new RunSpec(
            Path.of(args[0]),
            Path.of(args[1]),
            Preset.TINY,
            7,
            "dense",
            Boolean.parseBoolean(args[4]),
            Optional.of(Path.of(args[2])),
            OptionalInt.of(Integer.parseInt(args[3])));
    new TrainingRun(RewardPresets.exactLabels(), 1).grpo(spec, List.of());
    System.exit(0);
  }
}
