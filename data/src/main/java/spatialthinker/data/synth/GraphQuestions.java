package spatialthinker.data.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.Scene;

/**
 * Questions from a 2D scene graph alone (VG150): relation (annotated spatial predicates, with
 * opposite predicates as distractors, and left/right from the boxes), reach (annotated contact
 * predicates, distractors from other kinds of contact), instance_location (box centre on a 3 x 3
 * grid) and count (objects of a name). Only objects whose name occurs once in the graph are
 * referred to. Depth, distance, size, orientation and existence need 3D truth or a complete
 * annotation and are not written.
 */
final class GraphQuestions {

  static final List<Category> CATEGORIES =
      List.of(Category.RELATION, Category.REACH, Category.INSTANCE_LOCATION, Category.COUNT);

  // Annotated predicate -> predicates that cannot hold at the same time.
  private static final Map<String, List<String>> OPPOSITES = new HashMap<>();

  static {
    List<String> down = List.of("under", "below", "beneath");
    for (String p : List.of("above", "over")) {
      OPPOSITES.put(p, List.of("below", "under"));
    }
    for (String p :
        List.of("on", "on top of", "sitting on", "standing on", "lying on", "parked on")) {
      OPPOSITES.put(p, List.of("under", "below"));
    }
    for (String p : down) {
      OPPOSITES.put(p, List.of("above", "on top of"));
    }
    OPPOSITES.put("in front of", List.of("behind"));
    OPPOSITES.put("behind", List.of("in front of"));
  }

  private static final List<Set<String>> CONTACTS =
      List.of(
          Set.of("holding", "carrying", "using", "playing"),
          Set.of("riding", "sitting on"),
          Set.of("standing on", "walking on"),
          Set.of("lying on", "laying on"),
          Set.of("wearing", "wears"),
          Set.of("hanging from"),
          Set.of("eating"));

  private static final List<String> CONTACT_WORDS =
      List.of("holding", "riding", "standing on", "lying on", "wearing", "hanging from", "eating");

  private GraphQuestions() {}

  static List<QaItem> make(Scene scene, SplittableRandom r, int perCategory) {
    SceneGraph g = scene.graph();
    Map<String, List<SceneObject>> byName = new LinkedHashMap<>();
    for (SceneObject o : g.objects()) {
      byName.computeIfAbsent(noun(o), k -> new ArrayList<>()).add(o);
    }
    Map<String, SceneObject> ids = new HashMap<>();
    g.objects().forEach(o -> ids.put(o.id(), o));
    List<QaItem> relation = new ArrayList<>();
    List<QaItem> reach = new ArrayList<>();
    for (Relation rel : g.relationships()) {
      SceneObject s = ids.get(rel.subject());
      SceneObject o = ids.get(rel.object());
      if (s == null || o == null || s == o || !unique(byName, s) || !unique(byName, o)) {
        continue;
      }
      String p = rel.predicate().strip().toLowerCase(Locale.ROOT);
      List<String> opp = OPPOSITES.get(p);
      if (opp != null) {
        Choice c = Choice.of(p, opp, 2, r);
        relation.add(item(scene, Category.RELATION, where(s, o, r), c, List.of(s, o), rel, r));
      }
      for (Set<String> group : CONTACTS) {
        if (group.contains(p)) {
          List<String> others = CONTACT_WORDS.stream().filter(w -> !group.contains(w)).toList();
          Choice c = Choice.of(p, others, 3, r);
          String q = "What is the " + noun(s) + " doing with the " + noun(o) + "?";
          reach.add(item(scene, Category.REACH, q, c, List.of(s, o), rel, r));
        }
      }
    }
    for (SceneObject a : g.objects()) {
      for (SceneObject b : g.objects()) {
        if (a != b && unique(byName, a) && unique(byName, b)) {
          double dx = (b.bbox().x1() + b.bbox().x2() - a.bbox().x1() - a.bbox().x2()) / 2;
          if (dx > 0.35 * (a.bbox().width() + b.bbox().width())) {
            Choice c = new Choice(List.of("left of", "right of"), 0);
            Relation rel = new Relation(a.id(), "left of", b.id());
            relation.add(item(scene, Category.RELATION, where(a, b, r), c, List.of(a, b), rel, r));
          }
        }
      }
    }
    List<QaItem> location = new ArrayList<>();
    for (SceneObject a : g.objects()) {
      Box box = a.bbox();
      double cx = (box.x1() + box.x2()) / 2 / scene.width();
      double cy = (box.y1() + box.y2()) / 2 / scene.height();
      double margin = Math.min(grid(cx), grid(cy));
      if (unique(byName, a) && margin >= LocationQuestions.MARGIN) {
        Choice c = Choice.of(LocationQuestions.cell(cx, cy), LocationQuestions.CELLS, 3, r);
        String q = "In which part of the image is the " + noun(a) + " located?";
        location.add(item(scene, Category.INSTANCE_LOCATION, q, c, List.of(a), null, r));
      }
    }
    List<QaItem> count = new ArrayList<>();
    for (Map.Entry<String, List<SceneObject>> e : byName.entrySet()) {
      int n = e.getValue().size();
      if (n >= 2 && n <= 6) {
        List<String> d = new ArrayList<>();
        for (int k = Math.max(1, n - 2); k <= n + 2; k++) {
          d.add(Integer.toString(k));
        }
        Choice c = Choice.of(Integer.toString(n), d, 3, r);
        String q = "How many " + plural(e.getKey()) + " are there in the image?";
        count.add(item(scene, Category.COUNT, q, c, e.getValue(), null, r));
      }
    }
    List<QaItem> out = new ArrayList<>();
    for (List<QaItem> cat : List.of(relation, reach, location, count)) {
      out.addAll(TemplateQuestions.sample(cat, perCategory, r.split()));
    }
    return out;
  }

  private static String where(SceneObject s, SceneObject o, SplittableRandom r) {
    return String.format(
        r.nextBoolean()
            ? "Where is the %s with respect to the %s?"
            : "What is the position of the %s relative to the %s?",
        noun(s),
        noun(o));
  }

  private static QaItem item(
      Scene scene,
      Category cat,
      String question,
      Choice c,
      List<SceneObject> objs,
      Relation rel,
      SplittableRandom r) {
    StringBuilder obs = new StringBuilder("The image shows ");
    obs.append(scene.graph().objects().size()).append(" annotated objects.");
    for (SceneObject o : objs) {
      Box b = o.bbox();
      obs.append(" The ")
          .append(noun(o))
          .append(" (")
          .append(o.id())
          .append(") is at [")
          .append((long) b.x1())
          .append(", ")
          .append((long) b.y1())
          .append(", ")
          .append((long) b.x2())
          .append(", ")
          .append((long) b.y2())
          .append("].");
    }
    String think =
        rel == null
            ? "The scene graph answers this directly."
            : "The scene graph relates "
                + rel.subject()
                + " "
                + rel.predicate()
                + " "
                + rel.object()
                + ".";
    List<Relation> rels = rel == null ? List.of() : List.of(rel);
    return new QaItem(
        scene.imageId(),
        cat,
        question,
        c.options(),
        c.answer(),
        Difficulty.measure(0.5, 1, scene.graph().objects().size(), cat == Category.COUNT ? 0 : 1),
        new SceneGraph(objs, rels),
        obs.toString(),
        think);
  }

  /** The object's name in words: {@code traffic light} for {@code traffic_light.2}. */
  static String noun(SceneObject o) {
    return o.name().replace('_', ' ').toLowerCase(Locale.ROOT);
  }

  private static boolean unique(Map<String, List<SceneObject>> byName, SceneObject o) {
    return byName.get(noun(o)).size() == 1;
  }

  private static double grid(double v) {
    return Math.min(Math.abs(v - 1 / 3.0), Math.abs(v - 2 / 3.0));
  }

  static String plural(String noun) {
    if (noun.endsWith("man")) {
      return noun.substring(0, noun.length() - 3) + "men";
    }
    if (noun.equals("person")) {
      return "people";
    }
    if (noun.matches(".*(s|x|z|ch|sh)")) {
      return noun + "es";
    }
    if (noun.matches(".*[^aeiou]y")) {
      return noun.substring(0, noun.length() - 1) + "ies";
    }
    return noun + "s";
  }
}
