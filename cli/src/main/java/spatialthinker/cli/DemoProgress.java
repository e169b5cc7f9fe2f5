package spatialthinker.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import spatialthinker.demo.Demo;
import spatialthinker.demo.DemoListener;
import spatialthinker.demo.Stage;

/** One progress bar per demo stage (with its ETA), and one line per stage when it ends. */
final class DemoProgress implements DemoListener, AutoCloseable {

  private final int stages;
  private int index;
  private ProgressBar bar;

  DemoProgress(int stages) {
    this.stages = stages;
  }

  @Override
  public synchronized void started(Stage stage, long total) {
    closeBar();
    index++;
    bar = Progress.bar(String.format(Locale.ROOT, "%d/%d %s", index, stages, stage.title()), total);
  }

  @Override
  public synchronized void progress(long done, String status) {
    if (bar != null) {
      bar.stepTo(done);
      bar.setExtraMessage(status.isEmpty() ? "" : " " + status);
    }
  }

  @Override
  public synchronized void total(long total) {
    if (bar != null) {
      bar.maxHint(total);
    }
  }

  @Override
  public synchronized void finished(Stage stage, double seconds) {
    closeBar();
    System.err.printf(
        Locale.ROOT, "%d/%d %s: %s%n", index, stages, stage.title(), Demo.duration(seconds));
  }

  @Override
  public synchronized void skipped(Stage stage, double seconds) {
    index++;
    System.err.printf(
        Locale.ROOT,
        "%d/%d %s: done in an earlier run (%s)%n",
        index,
        stages,
        stage.title(),
        Demo.duration(seconds));
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public synchronized void close() {
    closeBar();
  }
}
