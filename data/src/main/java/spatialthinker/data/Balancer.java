package spatialthinker.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Picks a balanced set of questions as the paper did: a target size, a share for {@code relation},
 * the rest spread evenly over the other eight categories, the top-rated questions first within
 * each. A category with too few questions gives its shortfall to the others that have spare,
 * evenly; when relation itself, or all others together, run short, the total shrinks so the
 * relation share still holds. Ties in rating are broken by a stable hash of the seed and the
 * question, so the seed chooses among equals reproducibly.
 *
 * <p>With answer balancing (template questions), a category's questions are grouped by what a model
 * that does not see the image reads from them: the {@link QuestionTemplate} (phrasing with names
 * and attributes masked) and the set of option classes. Within a group every option class is the
 * answer equally often (as often as the scarcest one allows), so neither the template nor the
 * options tell the answer and the rating never decides it: the top-rated questions are taken within
 * each class. Groups take rounds (one question of each class) in turn, the group with the fewest
 * rows first, until the category's quota is met; a category's available count is what its groups
 * can give in balance.
 *
 * <p>Count and existence answers depend on which kinds a scene holds, so the shape word itself
 * hints at them (cones are rarer than cubes; a cylinder rests on a cube more often than a cube on a
 * cylinder). Those two categories are balanced within the finer groups of the template with its
 * shape words ({@link QuestionTemplate#withLabels}) when those can still fill the quota. The other
 * categories' answers depend on geometry, and groups that fine would be too small to balance; there
 * the question makers avoid what the shapes would give away (vertical relations and the four
 * contact classes only for pairs that could be stacked either way).
 */
public final class Balancer {

  private static final Set<Category> BY_SHAPE = EnumSet.of(Category.COUNT, Category.EXISTENCE);

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
    return select(candidates, target, relationPercent, seed, false);
  }

  /**
   * Chooses questions.
   *
   * @param candidates distinct questions
   * @param target how many to choose
   * @param relationPercent share of relation questions, in [0, 100]
   * @param seed breaks rating ties
   * @param balanceAnswers balance answer classes within each template and option set
   */
  public static Plan select(
      List<QaItem> candidates,
      int target,
      double relationPercent,
      long seed,
      boolean balanceAnswers) {
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
    Map<Category, List<Group>> groups = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      by.get(c).sort(order);
      if (balanceAnswers) {
        groups.put(c, groups(by.get(c), seed, false));
        available.put(c, groups.get(c).stream().mapToInt(Group::capacity).sum());
      } else {
        available.put(c, by.get(c).size());
      }
    }
    double p = relationPercent / 100;
    Map<Category, Integer> even = quotas(target, p);
    int relAvail = available.get(Category.RELATION);
    int othersAvail = available.values().stream().mapToInt(Integer::intValue).sum() - relAvail;
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
      if (balanceAnswers && BY_SHAPE.contains(c)) {
        List<Group> fine = groups(by.get(c), seed, true);
        boolean enough = fine.stream().mapToInt(Group::capacity).sum() >= n;
        selected.addAll(take(enough ? fine : groups.get(c), n, order));
      } else if (balanceAnswers) {
        selected.addAll(take(groups.get(c), n, order));
      } else {
        selected.addAll(by.get(c).subList(0, n));
      }
    }
    return new Plan(target, relationPercent, available, even, taken, selected);
  }

  // The questions of one template and option set, by answer class, each class best first.
  private record Group(long tie, List<List<QaItem>> classes) {

    int rounds() {
      return classes.stream().mapToInt(List::size).min().orElse(0);
    }

    int capacity() {
      return rounds() * classes.size();
    }
  }

  private static List<Group> groups(List<QaItem> sorted, long seed, boolean labels) {
    Map<String, Map<String, List<QaItem>>> by = new TreeMap<>();
    for (QaItem q : sorted) {
      QuestionTemplate t = QuestionTemplate.of(q);
      String key = (labels ? t.withLabels() : t.template()) + "\u001f" + t.optionSet();
      Map<String, List<QaItem>> g = by.computeIfAbsent(key, k -> new TreeMap<>());
      for (String c : t.optionClasses()) {
        g.computeIfAbsent(c, k -> new ArrayList<>());
      }
      g.get(t.answerClass()).add(q);
    }
    List<Group> out = new ArrayList<>();
    by.forEach(
        (key, g) ->
            out.add(new Group(StableHash.of(Long.toString(seed), key), List.copyOf(g.values()))));
    return out;
  }

  // Takes n questions from the groups: rounds of one question per class, the group with the
  // fewest taken first (ties by the seeded hash of its key); the last round may be cut short.
  private static List<QaItem> take(List<Group> groups, int n, Comparator<QaItem> order) {
    int[] rounds = new int[groups.size()];
    List<QaItem> out = new ArrayList<>();
    while (out.size() < n) {
      int best = -1;
      for (int i = 0; i < groups.size(); i++) {
        Group g = groups.get(i);
        if (rounds[i] >= g.rounds()) {
          continue;
        }
        if (best < 0) {
          best = i;
          continue;
        }
        long mine = (long) rounds[i] * g.classes().size();
        long theirs = (long) rounds[best] * groups.get(best).classes().size();
        if (mine < theirs || mine == theirs && g.tie() < groups.get(best).tie()) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      for (List<QaItem> cls : groups.get(best).classes()) {
        if (out.size() < n) {
          out.add(cls.get(rounds[best]));
        }
      }
      rounds[best]++;
    }
    out.sort(order);
    return out;
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
