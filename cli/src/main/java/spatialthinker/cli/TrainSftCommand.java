package spatialthinker.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import spatialthinker.reward.RewardPresets;
import spatialthinker.train.RunSpec;
import spatialthinker.train.TrainingRun;

/** {@code spatialthinker train sft}. */
@Command(
    name = "sft",
    mixinStandardHelpOptions = true,
    header = "Fine-tune the policy on the teacher responses (SFT).",
    description = {
      "Supervised fine-tuning on the teacher_response column: loss on response tokens,",
      "validation loss on the val split, early stop; best/ and last/ checkpoints in --out."
    })
final class TrainSftCommand implements Callable<Integer> {

  @Mixin TrainOptions options;

  @Override
  public Integer call() {
    RunSpec spec = options.spec("dense");
    int steps = spec.steps().orElse(spec.preset().sft().maxSteps());
    TrainingRun.Summary s;
    try (TrainProgress bar = new TrainProgress("sft", steps)) {
      s = new TrainingRun(RewardPresets.exactLabels(), 1).sft(spec, List.of(bar));
    }
    System.err.println(
        String.format(
            Locale.ROOT,
            "sft: %d steps, val loss %.4f -> %.4f (best); %s; checkpoint %s",
            s.steps(),
            s.before(),
            s.after(),
            s.unknowns(),
            spec.out().resolve("best")));
    return 0;
  }
}
