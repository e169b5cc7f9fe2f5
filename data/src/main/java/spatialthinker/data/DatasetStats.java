package spatialthinker.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts over a data set: rows per split, category, level and source; images per split and how many
 * are in both; the correct letter's share next to the share a uniform shuffle gives (the mean over
 * rows of {@code 1/k} for each letter a row with {@code k} options has).
 *
 * @param rows number of rows
 * @param bySplit rows per split
 * @param byCategory rows per category, in category order
 * @param byLevel rows per level
 * @param bySource rows per source
 * @param imagesBySplit distinct images per split
 * @param imagesInBothSplits images with rows in train and in val
 * @param letterShare share of rows whose answer is each letter
 * @param uniformShare share each letter would have under a uniform shuffle
 * @param meanRating mean rating
 */
public record DatasetStats(
    int rows,
    Map<String, Integer> bySplit,
    Map<String, Integer> byCategory,
    Map<String, Integer> byLevel,
    Map<String, Integer> bySource,
    Map<String, Integer> imagesBySplit,
    int imagesInBothSplits,
    Map<String, Double> letterShare,
    Map<String, Double> uniformShare,
    double meanRating) {

  /** The statistics of some rows. */
  public static DatasetStats of(List<QaRow> rows) {
    Map<String, Integer> bySplit = new TreeMap<>();
    Map<String, Integer> byCategory = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      byCategory.put(c.word(), 0);
    }
    Map<String, Integer> byLevel = new TreeMap<>();
    Map<String, Integer> bySource = new TreeMap<>();
    Set<String> train = new HashSet<>();
    Set<String> val = new HashSet<>();
    Map<String, Double> letters = new TreeMap<>();
    Map<String, Double> uniform = new TreeMap<>();
    double rating = 0;
    for (QaRow r : rows) {
      bySplit.merge(r.split(), 1, Integer::sum);
      byCategory.merge(r.category(), 1, Integer::sum);
      byLevel.merge(r.level(), 1, Integer::sum);
      bySource.merge(r.source(), 1, Integer::sum);
      (r.split().equals(QaRow.VAL) ? val : train).add(r.imageId());
      letters.merge(r.answerOnly(), 1.0, Double::sum);
      int k = r.options().size();
      for (int i = 0; i < k; i++) {
        uniform.merge(String.valueOf((char) ('A' + i)), 1.0 / k, Double::sum);
      }
      rating += r.rating();
    }
    int n = Math.max(1, rows.size());
    letters.replaceAll((l, v) -> v / n);
    uniform.replaceAll((l, v) -> v / n);
    for (String l : uniform.keySet()) {
      letters.putIfAbsent(l, 0.0);
    }
    Set<String> both = new HashSet<>(train);
    both.retainAll(val);
    Map<String, Integer> images = new TreeMap<>();
    images.put(QaRow.TRAIN, train.size());
    images.put(QaRow.VAL, val.size());
    return new DatasetStats(
        rows.size(),
        bySplit,
        byCategory,
        byLevel,
        bySource,
        images,
        both.size(),
        letters,
        uniform,
        rating / n);
  }

  /** Largest gap, in percentage points, between a letter's share and its uniform share. */
  public double maxLetterDeviation() {
    double max = 0;
    for (Map.Entry<String, Double> e : uniformShare.entrySet()) {
      max = Math.max(max, Math.abs(letterShare.getOrDefault(e.getKey(), 0.0) - e.getValue()) * 100);
    }
    return max;
  }

  /** A readable report, one fact per line. */
  public List<String> report() {
    List<String> out = new ArrayList<>();
    out.add("rows: " + rows + "  " + bySplit);
    out.add("images: " + imagesBySplit + ", in both splits: " + imagesInBothSplits);
    StringBuilder cats = new StringBuilder("categories:");
    byCategory.forEach(
        (c, v) -> cats.append(String.format(Locale.ROOT, " %s %d (%.1f%%)", c, v, pct(v))));
    out.add(cats.toString());
    out.add(
        "levels: " + byLevel + "  mean rating " + String.format(Locale.ROOT, "%.2f", meanRating));
    out.add("sources: " + bySource);
    StringBuilder let = new StringBuilder("answer letters (uniform):");
    uniformShare.forEach(
        (l, u) ->
            let.append(
                String.format(
                    Locale.ROOT, " %s %.1f%% (%.1f%%)", l, letterShare.get(l) * 100, u * 100)));
    out.add(let.toString());
    out.add(
        String.format(Locale.ROOT, "largest letter deviation: %.2f points", maxLetterDeviation()));
    return out;
  }

  private double pct(int v) {
    return rows == 0 ? 0 : 100.0 * v / rows;
  }
}
