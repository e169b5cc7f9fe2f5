package spatialthinker.data.synth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import spatialthinker.data.Category;
import spatialthinker.data.QaItem;
import spatialthinker.data.QuestionSource;
import spatialthinker.data.QuestionTemplate;
import spatialthinker.data.StableHash;
import spatialthinker.scenes.Scene;

/**
 * Questions written from templates, with answers computed from the scene's truth. Rendered scenes
 * support all nine categories; scenes with a 2D graph only (VG150) support relation, reach,
 * instance_location and count ({@link GraphQuestions}). Each rendered scene keeps at most {@code
 * perCategory} questions of each category ({@link #RELATION_FACTOR} times that of relation), drawn
 * with a generator seeded from the run seed and the image id, so the output does not depend on
 * thread scheduling.
 */
public final class TemplateQuestions implements QuestionSource {

  /** Default cap on questions per category per scene. */
  public static final int DEFAULT_PER_CATEGORY = 3;

  private static final List<QuestionMaker> MAKERS =
      List.of(
          new RelationQuestions(),
          new ReachQuestions(),
          new SizeQuestions(),
          new OrientationQuestions(),
          new LocationQuestions(),
          new DepthQuestions(),
          new DistanceQuestions(),
          new CountQuestions(),
          new ExistenceQuestions());

  /**
   * Relation questions make half of a data set, eight times the share of each other category, and
   * the answer balance keeps only what pairs up within each template: a scene may give this many
   * times {@code perCategory} of them.
   */
  static final int RELATION_FACTOR = 2;

  private final long seed;
  private final int perCategory;

  /**
   * @param seed run seed
   * @param perCategory most questions per category per scene, at least 1
   */
  public TemplateQuestions(long seed, int perCategory) {
    if (perCategory < 1) {
      throw new IllegalArgumentException("--per-category must be at least 1, got " + perCategory);
    }
    this.seed = seed;
    this.perCategory = perCategory;
  }

  /** The categories questions are written for, given whether scenes carry 3D truth. */
  public static List<Category> supported(boolean synthetic) {
    return synthetic ? List.of(Category.values()) : GraphQuestions.CATEGORIES;
  }

  @Override
  public List<QaItem> questions(Scene scene) {
    SplittableRandom r = new SplittableRandom(StableHash.of(Long.toString(seed), scene.imageId()));
    if (!scene.synthetic()) {
      return GraphQuestions.make(scene, r, perCategory);
    }
    SceneFacts facts = new SceneFacts(scene);
    List<QaItem> out = new ArrayList<>();
    for (QuestionMaker m : MAKERS) {
      int cap = m.category() == Category.RELATION ? RELATION_FACTOR * perCategory : perCategory;
      out.addAll(sample(m.make(facts, r.split()), cap, r.split()));
    }
    return out;
  }

  @Override
  public boolean balancesAnswers() {
    return true;
  }

  /**
   * Up to {@code n} distinct questions drawn at random, in the order drawn: each draw picks an
   * answer class at random among those left ({@link QuestionTemplate#answerClass}), then a question
   * of that class, so a scene's rare answers (a stack among many side-by-side pairs) are drawn as
   * often as its common ones.
   */
  static List<QaItem> sample(List<QaItem> all, int n, SplittableRandom r) {
    Map<String, List<QaItem>> byClass = new TreeMap<>();
    for (QaItem q : all) {
      byClass.computeIfAbsent(QuestionTemplate.of(q).answerClass(), k -> new ArrayList<>()).add(q);
    }
    List<List<QaItem>> pools = new ArrayList<>(byClass.values());
    List<QaItem> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    while (out.size() < n && !pools.isEmpty()) {
      int c = r.nextInt(pools.size());
      List<QaItem> pool = pools.get(c);
      QaItem q = pool.remove(r.nextInt(pool.size()));
      if (pool.isEmpty()) {
        pools.remove(c);
      }
      if (keys.add(q.key())) {
        out.add(q);
      }
    }
    return out;
  }
}
