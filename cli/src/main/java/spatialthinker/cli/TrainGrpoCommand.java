package spatialthinker.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import spatialthinker.train.RunSpec;
import spatialthinker.train.TrainingRun;

/** {@code spatialthinker train grpo}. */
@Command(
    name = "grpo",
    mixinStandardHelpOptions = true,
    header = "Train the policy further by GRPO with a reward preset, from an SFT checkpoint.",
    description = {
      "GRPO from an SFT checkpoint (--init), the reward any preset of the reward module;",
      "metrics.jsonl per step, validation on the val split, last/ and best/ checkpoints."
    })
final class TrainGrpoCommand implements Callable<Integer> {

  @Mixin TrainOptions options;

  @Mixin RewardOptions rewardOptions;

  @Override
  public Integer call() {
    RunSpec spec = options.spec(rewardOptions.reward);
    if (spec.patience().isPresent()) {
      throw new IllegalArgumentException(
          "--patience applies to SFT only: GRPO runs its --steps and keeps the best validation");
    }
    if (spec.init().isEmpty() && !spec.resume()) {
      throw new IllegalArgumentException(
          "--init CHECKPOINT is required (the SFT run to start from and to stay close to)");
    }
    int steps = spec.steps().orElse(spec.preset().grpo().steps());
    TrainingRun.Summary s;
    try (TrainProgress bar = new TrainProgress("grpo", steps)) {
      s =
          new TrainingRun(rewardOptions.presets(), Runtime.getRuntime().availableProcessors())
              .grpo(spec, List.of(bar));
    }
    System.err.println(
        String.format(
            Locale.ROOT,
            "grpo (%s): %d steps, val reward %.4f -> %.4f; checkpoint %s",
            spec.reward(),
            s.steps(),
            s.before(),
            s.after(),
            spec.out().resolve("last")));
    return 0;
  }
}
