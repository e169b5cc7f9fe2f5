package spatialthinker.data.synth;

import static spatialthinker.scenes.SpatialPredicate.ABOVE;
import static spatialthinker.scenes.SpatialPredicate.BEHIND;
import static spatialthinker.scenes.SpatialPredicate.BELOW;
import static spatialthinker.scenes.SpatialPredicate.IN_FRONT_OF;
import static spatialthinker.scenes.SpatialPredicate.LEFT_OF;
import static spatialthinker.scenes.SpatialPredicate.ON_TOP_OF;
import static spatialthinker.scenes.SpatialPredicate.RIGHT_OF;
import static spatialthinker.scenes.SpatialPredicate.UNDER;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import spatialthinker.core.geometry.Box;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.ObjectTruth;
import spatialthinker.scenes.SpatialPredicate;
import spatialthinker.scenes.world.Relations;

/**
 * Relation questions: where one object is with respect to another (left of, right of, in front of,
 * behind, on top of, under, above, below). The answer is a predicate the scene graph lists and the
 * other option its inverse, which is then certainly false: the options say which axis is asked and
 * not which side, so every option is the answer as often as the other (the balancer sees to it).
 * Vertical predicates are asked only about pairs that could be stacked either way (cubes and
 * cylinders), or the shapes would tell which one is on top.
 */
final class RelationQuestions implements QuestionMaker {

  static final List<SpatialPredicate> ASKED =
      List.of(LEFT_OF, RIGHT_OF, IN_FRONT_OF, BEHIND, ON_TOP_OF, UNDER, ABOVE, BELOW);

  private static final String[] PHRASINGS = {
    "Where is the %s with respect to the %s?",
    "What is the position of the %s relative to the %s?",
    "Where is the %s located in relation to the %s?",
    "How is the %s positioned relative to the %s?"
  };

  @Override
  public Category category() {
    return Category.RELATION;
  }

  @Override
  public List<QaItem> make(SceneFacts f, SplittableRandom r) {
    List<QaItem> out = new ArrayList<>();
    for (ObjectTruth a : f.objects()) {
      for (ObjectTruth b : f.objects()) {
        Optional<String> na = f.name(a);
        Optional<String> nb = f.name(b);
        if (a == b || na.isEmpty() || nb.isEmpty()) {
          continue;
        }
        for (SpatialPredicate p : f.predicates(a.id(), b.id())) {
          if (!ASKED.contains(p) || vertical(p) && !SceneFacts.reversible(a.shape(), b.shape())) {
            continue;
          }
          SpatialPredicate inverse = p.inverse().orElseThrow();
          if (!clearlyFalse(f, a, inverse, b)) {
            continue;
          }
          Choice c = Choice.of(p.text(), List.of(inverse.text()), 1, r);
          String question = String.format(Choice.pick(PHRASINGS, r), na.get(), nb.get());
          List<ObjectTruth> named = List.of(a, b);
          out.add(
              new QaItem(
                  f.imageId(),
                  Category.RELATION,
                  question,
                  c.options(),
                  c.answer(),
                  Difficulty.measure(
                      clarity(f, a, p, b), SceneFacts.minVisible(named), f.objectCount(), steps(p)),
                  f.subgraph(named, List.of(SceneFacts.relation(a, p, b))),
                  f.observe(named, List.of(na.get(), nb.get())),
                  reason(f, a, na.get(), p, b, nb.get())));
        }
      }
    }
    return out;
  }

  private static boolean vertical(SpatialPredicate p) {
    return p == ON_TOP_OF || p == UNDER || p == ABOVE || p == BELOW;
  }

  /** True when {@code a q b} cannot hold. */
  static boolean clearlyFalse(SceneFacts f, ObjectTruth a, SpatialPredicate q, ObjectTruth b) {
    boolean aOnGround = a.supportedBy().isEmpty();
    boolean bOnGround = b.supportedBy().isEmpty();
    return switch (q) {
      case ON_TOP_OF -> !a.supportedBy().equals(Optional.of(b.id()));
      case UNDER -> !b.supportedBy().equals(Optional.of(a.id()));
      case ABOVE -> aOnGround || f.holds(a.id(), BELOW, b.id());
      case BELOW -> bOnGround || f.holds(a.id(), ABOVE, b.id());
      default -> q.inverse().map(inv -> f.holds(a.id(), inv, b.id())).orElse(false);
    };
  }

  private static int steps(SpatialPredicate p) {
    return switch (p) {
      case LEFT_OF, RIGHT_OF, ON_TOP_OF, UNDER -> 0;
      default -> 1;
    };
  }

  private static double clarity(SceneFacts f, ObjectTruth a, SpatialPredicate p, ObjectTruth b) {
    return switch (p) {
      case LEFT_OF, RIGHT_OF -> {
        Box ba = f.box(a.id());
        Box bb = f.box(b.id());
        double dx = Math.abs(centreX(bb) - centreX(ba));
        double margin = Relations.SIDE_FACTOR * (ba.width() + bb.width());
        yield dx / margin - 1;
      }
      case IN_FRONT_OF, BEHIND -> {
        double margin = Relations.DEPTH_FACTOR * (radius(a) + radius(b));
        yield (Math.abs(a.depth() - b.depth()) / margin - 1) / 2;
      }
      case ABOVE, BELOW -> 0.7;
      default -> 1;
    };
  }

  static double centreX(Box b) {
    return (b.x1() + b.x2()) / 2;
  }

  /** Half the diagonal of the footprint: at least the footprint radius. */
  static double radius(ObjectTruth o) {
    return Math.hypot(o.dimensions().x(), o.dimensions().z()) / 2;
  }

  private static String reason(
      SceneFacts f, ObjectTruth a, String na, SpatialPredicate p, ObjectTruth b, String nb) {
    String why =
        switch (p) {
          case LEFT_OF, RIGHT_OF ->
              "the centre of its box is at x = "
                  + (long) centreX(f.box(a.id()))
                  + " and that of the "
                  + nb
                  + " at x = "
                  + (long) centreX(f.box(b.id()));
          case IN_FRONT_OF, BEHIND ->
              "it is "
                  + SceneFacts.fmt(a.depth())
                  + " units from the camera along the view and the "
                  + nb
                  + " "
                  + SceneFacts.fmt(b.depth());
          case ON_TOP_OF -> "it rests directly on the top of the " + nb;
          case UNDER -> "the " + nb + " rests directly on its top";
          case ABOVE -> "its bottom is at or above the top of the " + nb + ", over its footprint";
          default -> "its top is at or below the bottom of the " + nb + ", under its footprint";
        };
    return SceneFacts.capitalise("the " + na + " is " + p.text() + " the " + nb + ": " + why + ".");
  }
}
