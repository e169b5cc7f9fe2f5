package spatialthinker.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks a balanced set of questions as the paper did: a target size, a share for {@code relation},
 * the rest spread evenly over the other eight categories, the top-rated questions first within
 * each. A category with too few questions gives its shortfall to the others that have spare,
 * evenly; when relation itself, or all others together, run short, the total shrinks so the
 * relation share still holds. Ties in rating are broken by a stable hash of the seed and the
 * question, so the seed chooses among equals reproducibly.
 */
public final class Balancer {

  /**
   * What was asked for and what was taken.
   *
   * @param target the requested total
   * @param relationPercent the requested relation share
   * @param available candidates per category
   * @param evenQuota each category's quota before shortfalls were moved
   * @param taken questions taken per category
   * @param selected the chosen questions, category by category, best first
   */
  public record Plan(
      int target,
      double relationPercent,
      Map<Category, Integer> available,
      Map<Category, Integer> evenQuota,
      Map<Category, Integer> taken,
      List<QaItem> selected) {

    public Plan {
      available = Map.copyOf(available);
      evenQuota = Map.copyOf(evenQuota);
      taken = Map.copyOf(taken);
      selected = List.copyOf(selected);
    }

    /** One line per category that got less than its even quota, and one when the total is short. */
    public List<String> shortfalls() {
      List<String> out = new ArrayList<>();
      for (Category c : Category.values()) {
        int q = evenQuota.getOrDefault(c, 0);
        int t = taken.getOrDefault(c, 0);
        if (t < q) {
          out.add(
              c.word()
                  + ": "
                  + t
                  + " of "
                  + q
                  + " (only "
                  + available.getOrDefault(c, 0)
                  + " candidates)");
        }
      }
      if (selected.size() < target) {
        out.add("total: " + selected.size() + " of " + target);
      }
      return out;
    }
  }

  private Balancer() {}

  /**
   * Chooses questions.
   *
   * @param candidates distinct questions
   * @param target how many to choose
   * @param relationPercent share of relation questions, in [0, 100]
   * @param seed breaks rating ties
   */
  public static Plan select(
      List<QaItem> candidates, int target, double relationPercent, long seed) {
    Objects.requireNonNull(candidates, "candidates");
    if (target < 1) {
      throw new IllegalArgumentException("--target must be at least 1, got " + target);
    }
    if (!(relationPercent >= 0 && relationPercent <= 100)) {
      throw new IllegalArgumentException(
          "--relation-percent must be in [0, 100], got " + relationPercent);
    }
    Map<Category, List<QaItem>> by = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      by.put(c, new ArrayList<>());
    }
    candidates.forEach(q -> by.get(q.category()).add(q));
    Comparator<QaItem> order =
        Comparator.comparingInt((QaItem q) -> -q.difficulty().rating())
            .thenComparingLong(q -> StableHash.of(Long.toString(seed), q.key()));
    Map<Category, Integer> available = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      by.get(c).sort(order);
      available.put(c, by.get(c).size());
    }
    double p = relationPercent / 100;
    Map<Category, Integer> even = quotas(target, p);
    int relAvail = available.get(Category.RELATION);
    int othersAvail = candidates.size() - relAvail;
    long total = target;
    if (p > 0) {
      total = Math.min(total, (long) Math.floor(relAvail / p));
    }
    if (p < 1) {
      total = Math.min(total, (long) Math.floor(othersAvail / (1 - p)));
    }
    Map<Category, Integer> quota = quotas((int) total, p);
    fill(quota, available);
    List<QaItem> selected = new ArrayList<>();
    Map<Category, Integer> taken = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      int n = Math.min(quota.get(c), available.get(c));
      taken.put(c, n);
      selected.addAll(by.get(c).subList(0, n));
    }
    return new Plan(target, relationPercent, available, even, taken, selected);
  }

  // Relation gets round(total * p); the rest is split evenly, the first categories taking the
  // remainder one each.
  private static Map<Category, Integer> quotas(int total, double p) {
    Map<Category, Integer> q = new EnumMap<>(Category.class);
    int rel = (int) Math.round(total * p);
    int rest = total - rel;
    q.put(Category.RELATION, rel);
    int others = Category.values().length - 1;
    int i = 0;
    for (Category c : Category.values()) {
      if (c != Category.RELATION) {
        q.put(c, rest / others + (i++ < rest % others ? 1 : 0));
      }
    }
    return q;
  }

  // Moves the shortfall of categories with too few candidates to the others with spare, one
  // question at a time in category order, so the others stay as even as they can.
  private static void fill(Map<Category, Integer> quota, Map<Category, Integer> available) {
    int deficit = 0;
    for (Category c : Category.values()) {
      if (c != Category.RELATION && quota.get(c) > available.get(c)) {
        deficit += quota.get(c) - available.get(c);
        quota.put(c, available.get(c));
      }
    }
    while (deficit > 0) {
      Category best = null;
      for (Category c : Category.values()) {
        if (c != Category.RELATION
            && quota.get(c) < available.get(c)
            && (best == null || quota.get(c) < quota.get(best))) {
          best = c;
        }
      }
      if (best == null) {
        return;
      }
      quota.merge(best, 1, Integer::sum);
      deficit--;
    }
  }
}
