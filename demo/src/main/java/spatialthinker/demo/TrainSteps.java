package spatialthinker.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import spatialthinker.reward.RewardPresets;
import spatialthinker.train.RunSpec;
import spatialthinker.train.TrainingRun;
import spatialthinker.train.metrics.Metrics;
import spatialthinker.train.metrics.TrainListener;

/** SFT and GRPO through the training module's public runs, with progress for the listener. */
final class TrainSteps {

  private TrainSteps() {}

  /**
   * Runs SFT into {@code dir}.
   *
   * @param resume continue from {@code dir/last} when it holds a checkpoint; else start afresh
   */
  static TrainingRun.Summary sft(
      DemoConfig c,
      RewardPresets rewards,
      Arm arm,
      Path data,
      Path dir,
      boolean resume,
      DemoListener l) {
    boolean cont = prepare(c.layout(), dir, resume);
    l.started(Stage.training(arm), c.plan().sftSteps());
    RunSpec spec =
        new RunSpec(
            data,
            dir,
            c.plan().model(),
            c.seed(),
            "dense",
            cont,
            Optional.empty(),
            OptionalInt.of(c.plan().sftSteps()),
            0.0,
            arm == Arm.BLIND);
    return new TrainingRun(rewards, 1).sft(spec, List.of(progress(l)));
  }

  /** Runs GRPO for an arm from the SFT run {@code sft} into {@code dir}. */
  static TrainingRun.Summary grpo(
      DemoConfig c,
      RewardPresets rewards,
      Arm arm,
      Path data,
      Path sft,
      Path dir,
      boolean resume,
      DemoListener l) {
    boolean cont = prepare(c.layout(), dir, resume);
    l.started(Stage.training(arm), c.plan().grpoSteps());
    RunSpec spec =
        new RunSpec(
            data,
            dir,
            c.plan().model(),
            c.seed(),
            arm.reward(),
            cont,
            Optional.of(sft),
            OptionalInt.of(c.plan().grpoSteps()));
    return new TrainingRun(rewards, c.threads()).grpo(spec, List.of(progress(l)));
  }

  /** Whether the run can continue from a checkpoint; otherwise clears what a stopped run left. */
  private static boolean prepare(DemoLayout layout, Path dir, boolean resume) {
    if (resume && Files.isRegularFile(dir.resolve("last").resolve("params.bin"))) {
      return true;
    }
    layout.reset(dir);
    return false;
  }

  private static TrainListener progress(DemoListener l) {
    return new TrainListener() {
      @Override
      public void onStep(Metrics m) {
        String status =
            m.values().containsKey("reward")
                ? String.format(
                    Locale.ROOT, "reward %.3f acc %.2f", m.get("reward"), m.get("accuracy"))
                : String.format(Locale.ROOT, "loss %.3f", m.get("loss"));
        l.progress(m.step(), status);
      }
    };
  }
}
