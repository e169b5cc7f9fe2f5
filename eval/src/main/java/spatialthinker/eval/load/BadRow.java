package spatialthinker.eval.load;

import java.util.Objects;

/**
 * A row that cannot be scored (its answer names no option, its options are not a list, it has no
 * image, …): listed with the reason, left out of the run and its score.
 *
 * @param index the row's position in the data's fixed order (file name, then row), from 0
 * @param id the row's id in the data set, or its index
 * @param file the parquet file holding it
 * @param reason why it cannot be scored
 */
public record BadRow(long index, String id, String file, String reason) {

  public BadRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
  }

  /** One line: {@code row 3 (id x): reason}. */
  public String describe() {
    return "row " + index + " (id " + id + "): " + reason;
  }
}
