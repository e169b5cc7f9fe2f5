package spatialthinker.data.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;
import spatialthinker.scenes.Colour;
import spatialthinker.scenes.HiddenObject;
import spatialthinker.scenes.Kind;
import spatialthinker.scenes.ObjectTruth;
import spatialthinker.scenes.Scene;
import spatialthinker.scenes.SceneTruth;
import spatialthinker.scenes.SpatialPredicate;

/**
 * What question makers read from a rendered scene: objects with their truth and boxes, the relation
 * triplets, referring expressions, and helpers to build subgraphs and descriptions.
 */
final class SceneFacts {

  private final Scene scene;
  private final SceneTruth truth;
  private final Map<String, Box> boxes = new HashMap<>();
  private final Set<String> triplets = new HashSet<>();
  private final Referents referents;

  SceneFacts(Scene scene) {
    this.scene = scene;
    this.truth =
        scene
            .truth()
            .orElseThrow(() -> new IllegalArgumentException(scene.imageId() + ": needs 3D truth"));
    for (SceneObject o : scene.graph().objects()) {
      boxes.put(o.id(), o.bbox());
    }
    for (Relation r : scene.graph().relationships()) {
      triplets.add(r.subject() + "|" + r.predicate() + "|" + r.object());
    }
    this.referents = new Referents(truth.objects());
  }

  Scene scene() {
    return scene;
  }

  SceneTruth truth() {
    return truth;
  }

  String imageId() {
    return scene.imageId();
  }

  List<ObjectTruth> objects() {
    return truth.objects();
  }

  int objectCount() {
    return truth.objects().size();
  }

  /**
   * True when an object of kind {@code k} (and colour {@code c}, unless null) is drawn but not
   * listed: the picture may show it, so no count or existence question may ask about it.
   */
  boolean hiddenMatch(Kind k, Colour c) {
    for (HiddenObject h : truth.hidden()) {
      if (h.shape() == k && (c == null || h.color() == c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the scene sampler can put a {@code top} on a {@code bottom} and a {@code bottom} on a
   * {@code top}: both have a flat top and both can be stacked (cubes and cylinders). Questions that
   * ask which of two objects rests on the other are asked only about such pairs, so the shape words
   * do not give the answer away.
   */
  static boolean reversible(Kind top, Kind bottom) {
    return top.stackable() && top.hasFlatTop() && bottom.stackable() && bottom.hasFlatTop();
  }

  /** True when the scene sampler can put a {@code top} on a {@code bottom}. */
  static boolean stackable(Kind top, Kind bottom) {
    return top.stackable() && bottom.hasFlatTop();
  }

  Box box(String id) {
    return boxes.get(id);
  }

  /** True when the scene graph lists {@code a p b}. */
  boolean holds(String a, SpatialPredicate p, String b) {
    return triplets.contains(a + "|" + p.text() + "|" + b);
  }

  /** The predicates listed from {@code a} to {@code b}, in declaration order. */
  List<SpatialPredicate> predicates(String a, String b) {
    List<SpatialPredicate> out = new ArrayList<>();
    for (SpatialPredicate p : SpatialPredicate.values()) {
      if (holds(a, p, b)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The object's description without the article ({@code red cube}), if it has one. */
  Optional<String> name(ObjectTruth o) {
    return referents.of(o.id());
  }

  /** The description not using the size class, if it has one. */
  Optional<String> nameWithoutSize(ObjectTruth o) {
    return referents.withoutSize(o.id());
  }

  /** The subgraph of the given objects (in scene order) and relations. */
  SceneGraph subgraph(List<ObjectTruth> objs, List<Relation> relations) {
    Set<String> ids = new HashSet<>();
    objs.forEach(o -> ids.add(o.id()));
    List<SceneObject> out = new ArrayList<>();
    for (SceneObject o : scene.graph().objects()) {
      if (ids.contains(o.id())) {
        out.add(o);
      }
    }
    return new SceneGraph(out, relations);
  }

  /** A relation triplet. */
  static Relation relation(ObjectTruth a, SpatialPredicate p, ObjectTruth b) {
    return new Relation(a.id(), p.text(), b.id());
  }

  /** Least visible fraction among the objects. */
  static double minVisible(List<ObjectTruth> objs) {
    return objs.stream().mapToDouble(ObjectTruth::visibleFraction).min().orElse(1);
  }

  /**
   * The factual {@code <observe>} text: how many objects the image shows and where each object the
   * question names appears.
   */
  String observe(List<ObjectTruth> named, List<String> names) {
    StringBuilder b = new StringBuilder();
    b.append("The image shows ")
        .append(objectCount())
        .append(objectCount() == 1 ? " object" : " objects")
        .append(" on a flat surface.");
    for (int i = 0; i < named.size(); i++) {
      ObjectTruth o = named.get(i);
      Box box = box(o.id());
      b.append(' ')
          .append(capitalise("the " + names.get(i)))
          .append(" (")
          .append(o.id())
          .append(") is in the ")
          .append(region(box))
          .append(" of the image, at [")
          .append((long) box.x1())
          .append(", ")
          .append((long) box.y1())
          .append(", ")
          .append((long) box.x2())
          .append(", ")
          .append((long) box.y2())
          .append("].");
    }
    return b.toString();
  }

  /** Coarse region of a box centre in words: {@code upper left}, {@code middle}. */
  String region(Box box) {
    double cx = (box.x1() + box.x2()) / 2 / scene.width();
    double cy = (box.y1() + box.y2()) / 2 / scene.height();
    String v = cy < 1 / 3.0 ? "upper" : cy < 2 / 3.0 ? "middle" : "lower";
    String h = cx < 1 / 3.0 ? "left" : cx < 2 / 3.0 ? "centre" : "right";
    if (v.equals("middle") && h.equals("centre")) {
      return "middle";
    }
    return v.equals("middle") ? "middle " + h : v + " " + h;
  }

  static String capitalise(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
