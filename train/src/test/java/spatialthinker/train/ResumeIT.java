package spatialthinker.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.reward.RewardPresets;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.metrics.MetricsLog;
import spatialthinker.train.toy.ToySpatialData;

/**
 * A GRPO run killed with {@code destroyForcibly} and resumed with {@code --resume} continues from
 * its last checkpoint and sees the same data, step for step, as a run that was never stopped.
 */
class ResumeIT {

  private static final int STEPS = 8;

  @TempDir Path dir;

  @Test
  void killedGrpoRunResumesFromLastCheckpointWithTheSameDataOrder() throws Exception {
    Path data = dir.resolve("toy.parquet");
    new ToySpatialData(64).write(data, 200, 0.2, 8);
    Path sft = dir.resolve("sft");
    new TrainingRun(RewardPresets.exactLabels(), 1)
        .sft(
            new RunSpec(
                data, sft, Preset.TINY, 7, "dense", false, Optional.empty(), OptionalInt.of(40)),
            List.of());

    Path whole = dir.resolve("whole");
    assertThat(child(data, whole, sft, false).waitFor(10, TimeUnit.MINUTES)).isTrue();

    Path killed = dir.resolve("killed");
    Process p = child(data, killed, sft, false);
    Path metrics = killed.resolve("metrics.jsonl");
    // Tiny's checkpointEvery is 5: wait for step 6, past the checkpoint at step 5, then kill.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (trainSteps(metrics) < 6 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    p.destroyForcibly().waitFor();
    int reached = trainSteps(metrics);
    assertThat(reached).as("steps logged before the kill").isBetween(6, STEPS - 1);
    long resumedFrom = Checkpoint.readState(killed.resolve("last")).step();
    assertThat(resumedFrom).isEqualTo(5);

    Process resumed = child(data, killed, sft, true);
    assertThat(resumed.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(resumed.exitValue()).isZero();

    List<String> wholeOrder = dataOrder(whole.resolve("metrics.jsonl"));
    List<String> resumedOrder = dataOrder(metrics);
    assertThat(wholeOrder).hasSize(STEPS);
    assertThat(resumedOrder).containsExactlyElementsOf(wholeOrder);
    assertThat(Checkpoint.readState(killed.resolve("last")).step()).isEqualTo(STEPS);
  }

  private static Process child(Path data, Path out, Path init, boolean resume) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx1g",
                "-Dai.djl.offline=true",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                GrpoChild.class.getName(),
                data.toString(),
                out.toString(),
                init.toString(),
                Integer.toString(STEPS),
                Boolean.toString(resume)));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(new File(out + ".log"))
        .start();
  }

  private static int trainSteps(Path metrics) {
    if (!Files.exists(metrics)) {
      return 0;
    }
    try {
      return (int)
          MetricsLog.read(metrics).stream().filter(m -> "train".equals(m.get("kind"))).count();
    } catch (RuntimeException e) {
      return 0; // a line being written
    }
  }

  private static List<String> dataOrder(Path metrics) {
    return MetricsLog.read(metrics).stream()
        .filter(m -> "train".equals(m.get("kind")))
        .map((Map<String, Object> m) -> m.get("step") + ":" + m.get("data_indices"))
        .toList();
  }
}
