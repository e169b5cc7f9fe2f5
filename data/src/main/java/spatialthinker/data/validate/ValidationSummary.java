package spatialthinker.data.validate;

import java.util.Locale;

/**
 * What a validation run did.
 *
 * @param rows rows in the input
 * @param kept rows kept (answered right at least once)
 * @param keptInFirstTwo rows kept by the first two answers (pass@2)
 * @param dropped rows no answer got right
 * @param resumed rows whose verdict came from an earlier run's journal
 * @param requests model requests made by this run
 * @param seconds wall time
 */
public record ValidationSummary(
    int rows,
    int kept,
    int keptInFirstTwo,
    int dropped,
    int resumed,
    long requests,
    double seconds) {

  /** One line for the console. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "kept %d of %d rows (%.1f%%; %d by pass@2, %d by the two extra tries), dropped %d;"
            + " %d from the journal; %d requests; %.1f s",
        kept,
        rows,
        rows == 0 ? 0 : 100.0 * kept / rows,
        keptInFirstTwo,
        kept - keptInFirstTwo,
        dropped,
        resumed,
        requests,
        seconds);
  }
}
