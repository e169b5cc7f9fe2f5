package spatialthinker.data;

import java.util.List;
import java.util.Locale;

/**
 * What a synthesis run did.
 *
 * @param scenes scenes read
 * @param skipped scenes skipped (unreadable, or no usable questions), with reasons
 * @param candidates distinct questions written before balancing
 * @param plan the balancing
 * @param trainRows rows in the train split
 * @param valRows rows in the validation split
 * @param trainImages images in the train split
 * @param valImages images in the validation split
 * @param resumedRows rows already in the JSONL mirror from an earlier run
 * @param seconds wall time
 */
public record SynthSummary(
    int scenes,
    List<String> skipped,
    int candidates,
    Balancer.Plan plan,
    int trainRows,
    int valRows,
    int trainImages,
    int valImages,
    int resumedRows,
    double seconds) {

  public SynthSummary {
    skipped = List.copyOf(skipped);
  }

  /** One line: rows, split, relation share, time. */
  public String line() {
    int rows = trainRows + valRows;
    double rel = rows == 0 ? 0 : 100.0 * plan.taken().getOrDefault(Category.RELATION, 0) / rows;
    return String.format(
        Locale.ROOT,
        "wrote %d rows (%d train / %d val, %d / %d images) from %d scenes, %d candidates;"
            + " relation %.1f%%; %d resumed; %d scenes skipped; %.1f s (%.0f rows/s)",
        rows,
        trainRows,
        valRows,
        trainImages,
        valImages,
        scenes,
        candidates,
        rel,
        resumedRows,
        skipped.size(),
        seconds,
        seconds > 0 ? rows / seconds : 0);
  }
}
