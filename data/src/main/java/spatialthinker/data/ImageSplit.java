package spatialthinker.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A train/validation split by image: every question about an image lands in the same split (the
 * reference split by row, so an image could be in both). Images are taken in the order of a stable
 * hash of the seed and their id, into validation until it holds the requested share of rows.
 */
public final class ImageSplit {

  private ImageSplit() {}

  /**
   * The image ids that go to validation.
   *
   * @param items the chosen questions
   * @param valShare share of rows for validation, in [0, 1)
   * @param seed chooses the images
   */
  public static Set<String> validationImages(List<QaItem> items, double valShare, long seed) {
    if (!(valShare >= 0 && valShare < 1)) {
      throw new IllegalArgumentException("--val-split must be in [0, 1), got " + valShare);
    }
    Map<String, Integer> rows = new LinkedHashMap<>();
    items.forEach(q -> rows.merge(q.imageId(), 1, Integer::sum));
    List<String> images = new ArrayList<>(rows.keySet());
    images.sort(
        Comparator.comparingLong((String id) -> StableHash.of(Long.toString(seed), "split", id))
            .thenComparing(id -> id));
    long want = Math.round(items.size() * valShare);
    Set<String> val = new HashSet<>();
    int n = 0;
    for (String id : images) {
      if (n >= want) {
        break;
      }
      val.add(id);
      n += rows.get(id);
    }
    return val;
  }
}
