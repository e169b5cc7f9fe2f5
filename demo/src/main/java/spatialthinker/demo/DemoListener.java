package spatialthinker.demo;

/** What a demo run reports as it goes; every method defaults to nothing. */
public interface DemoListener {

  /**
   * A stage begins.
   *
   * @param total units of work (scenes, rows, steps, items); -1 when not known yet
   */
  default void started(Stage stage, long total) {}

  /** Work done in the current stage, with a short status such as the latest loss. */
  default void progress(long done, String status) {}

  /** The current stage's amount of work became known or changed. */
  default void total(long total) {}

  /** A stage finished in this run. */
  default void finished(Stage stage, double seconds) {}

  /** A stage was finished by an earlier run with the same inputs and is skipped. */
  default void skipped(Stage stage, double seconds) {}
}
