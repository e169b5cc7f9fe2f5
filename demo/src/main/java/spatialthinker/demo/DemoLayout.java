package spatialthinker.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where a demo run keeps what each stage makes, under its output directory:
 *
 * <pre>
 * scenes/              rendered scenes (images/, scenes.jsonl)
 * data/qa.parquet      the QA data set (+ qa.jsonl, qa.provenance.json)
 * sft/  grpo-dense/  grpo-sparse/    training runs (metrics.jsonl, last/, best/)
 * eval/sft/  eval/dense/  eval/sparse/   evaluation runs (run.json, predictions.jsonl, summary.*)
 * stages/              one marker per stage
 * report.html          the report
 * </pre>
 *
 * @param out the output directory
 */
public record DemoLayout(Path out) {

  public DemoLayout {
    out = Objects.requireNonNull(out, "out").toAbsolutePath().normalize();
  }

  public Path scenes() {
    return out.resolve("scenes");
  }

  public Path data() {
    return out.resolve("data").resolve("qa.parquet");
  }

  /** The training run of an arm. */
  public Path training(Arm arm) {
    return out.resolve(arm.trainDir());
  }

  /**
   * The checkpoint an arm is evaluated from: the SFT arms' best by validation loss, GRPO's last.
   */
  public Path checkpoint(Arm arm) {
    return training(arm).resolve(arm.isSft() ? "best" : "last");
  }

  /** The evaluation run of an arm. */
  public Path evaluation(Arm arm) {
    return out.resolve("eval").resolve(arm.id());
  }

  public Path report() {
    return out.resolve("report.html");
  }

  /**
   * Deletes a stage's output so it can start afresh.
   *
   * @throws IllegalArgumentException for a path outside the output directory (never deleted)
   */
  void reset(Path dir) {
    Path p = dir.toAbsolutePath().normalize();
    if (!p.startsWith(out) || p.equals(out)) {
      throw new IllegalArgumentException("refusing to delete " + p + ": not inside " + out);
    }
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + p + ": " + e.getMessage(), e);
    }
  }
}
