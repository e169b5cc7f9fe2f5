package spatialthinker.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr when it is a terminal; silent otherwise (pipes, CI, tests). */
final class Progress {

  private Progress() {}

  static ProgressBar bar(String task, long total) {
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(200)
            .showSpeed();
    if (System.console() == null) {
      b.setConsumer(
          new ConsoleProgressBarConsumer(new PrintStream(OutputStream.nullOutputStream())));
    } else {
      b.setConsumer(new ConsoleProgressBarConsumer(System.err));
    }
    return b.build();
  }
}
