package spatialthinker.cli;

import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import spatialthinker.train.metrics.Metrics;
import spatialthinker.train.metrics.TrainListener;

/** The progress bar of a training run, with the latest loss or reward and accuracy. */
final class TrainProgress implements TrainListener, AutoCloseable {

  private final ProgressBar bar;
  private String val = "";

  TrainProgress(String task, long steps) {
    this.bar = Progress.bar(task, steps);
  }

  @Override
  public void onStep(Metrics m) {
    bar.stepTo(m.step());
    String extra =
        m.values().containsKey("reward")
            ? String.format(Locale.ROOT, "reward %.3f acc %.2f", m.get("reward"), m.get("accuracy"))
            : String.format(Locale.ROOT, "loss %.3f", m.get("loss"));
    bar.setExtraMessage(" " + extra + val);
  }

  @Override
  public void onValidation(Metrics m) {
    val =
        m.values().containsKey("val_loss")
            ? String.format(Locale.ROOT, " | val loss %.3f", m.get("val_loss"))
            : String.format(
                Locale.ROOT,
                " | val reward %.3f acc %.2f",
                m.get("val_reward"),
                m.get("val_accuracy"));
  }

  @Override
  public void onCheckpoint(Path dir, long step) {}

  @Override
  public void close() {
    bar.close();
  }
}
