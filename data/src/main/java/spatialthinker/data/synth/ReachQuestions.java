package spatialthinker.data.synth;

import static spatialthinker.scenes.SpatialPredicate.ABOVE;
import static spatialthinker.scenes.SpatialPredicate.BELOW;
import static spatialthinker.scenes.SpatialPredicate.NEXT_TO;
import static spatialthinker.scenes.SpatialPredicate.ON_TOP_OF;
import static spatialthinker.scenes.SpatialPredicate.TOUCHING;
import static spatialthinker.scenes.SpatialPredicate.UNDER;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import spatialthinker.core.graph.Relation;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.ObjectTruth;

/**
 * Reach questions: physical contact between two objects. The four answers are exclusive: {@code
 * resting on} (A stands on B), {@code supporting} (B stands on A), {@code touching side by side}
 * (same surface, footprints within contact distance) and {@code not touching} (no contact, not even
 * {@code next to}, so the gap is clear). Pairs that are only {@code next to} are not asked.
 */
final class ReachQuestions implements QuestionMaker {

  static final String RESTING_ON = "resting on";
  static final String SUPPORTING = "supporting";
  static final String SIDE_BY_SIDE = "touching side by side";
  static final String APART = "not touching";

  /** Least gap (lower bound, see {@link #gap}) for {@code not touching}. */
  static final double MIN_GAP = 0.15;

  static final List<String> ANSWERS = List.of(RESTING_ON, SUPPORTING, SIDE_BY_SIDE, APART);

  private static final String[] CLASS_PHRASINGS = {
    "How is the %s in contact with the %s?",
    "Which best describes the contact between the %s and the %s?"
  };

  // Yes/no phrasings outnumber the four-way ones so that contact answers (three of the four
  // classes, and yes) do not outweigh the others: with the balancer's even share per phrasing,
  // 2/7 of the rows are four-way (3/4 contact) and 5/7 yes/no (1/2 yes), 57% contact in all.
  private static final String[] YES_NO_PHRASINGS = {
    "Is the %s touching the %s?",
    "Is the %s in contact with the %s?",
    "Does the %s touch the %s?",
    "Are the %s and the %s in contact?",
    "Do the %s and the %s touch each other?"
  };

  @Override
  public Category category() {
    return Category.REACH;
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
        Optional<String> answer = contact(f, a, b);
        if (answer.isEmpty()) {
          continue;
        }
        List<ObjectTruth> named = List.of(a, b);
        List<Relation> rels = new ArrayList<>();
        if (f.holds(a.id(), ON_TOP_OF, b.id())) {
          rels.add(SceneFacts.relation(a, ON_TOP_OF, b));
        } else if (f.holds(a.id(), UNDER, b.id())) {
          rels.add(SceneFacts.relation(a, UNDER, b));
        } else if (f.holds(a.id(), TOUCHING, b.id())) {
          rels.add(SceneFacts.relation(a, TOUCHING, b));
        }
        double gap = gap(a, b);
        double clarity = answer.get().equals(APART) ? (gap - MIN_GAP) / 1.0 : 1;
        Difficulty d =
            Difficulty.measure(clarity, SceneFacts.minVisible(named), f.objectCount(), 1);
        String why = reason(answer.get(), na.get(), nb.get(), gap);
        List<Choice> choices = new ArrayList<>();
        List<String> phrasings = new ArrayList<>();
        phrasings.add(Choice.pick(YES_NO_PHRASINGS, r));
        choices.add(Choice.yesNo(!answer.get().equals(APART)));
        // The four classes only for pairs that can rest on each other either way; otherwise the
        // shapes would rule a class out (a sphere never supports anything).
        if (SceneFacts.reversible(a.shape(), b.shape())) {
          phrasings.add(Choice.pick(CLASS_PHRASINGS, r));
          choices.add(Choice.of(answer.get(), ANSWERS, 3, r));
        }
        for (int i = 0; i < phrasings.size(); i++) {
          out.add(
              new QaItem(
                  f.imageId(),
                  Category.REACH,
                  String.format(phrasings.get(i), na.get(), nb.get()),
                  choices.get(i).options(),
                  choices.get(i).answer(),
                  d,
                  f.subgraph(named, rels),
                  f.observe(named, List.of(na.get(), nb.get())),
                  why));
        }
      }
    }
    return out;
  }

  /** The contact class of the pair, or empty when it is not clear-cut. */
  static Optional<String> contact(SceneFacts f, ObjectTruth a, ObjectTruth b) {
    if (f.holds(a.id(), ON_TOP_OF, b.id())) {
      return Optional.of(RESTING_ON);
    }
    if (f.holds(a.id(), UNDER, b.id())) {
      return Optional.of(SUPPORTING);
    }
    if (f.holds(a.id(), TOUCHING, b.id())) {
      return Optional.of(SIDE_BY_SIDE);
    }
    boolean near =
        f.holds(a.id(), NEXT_TO, b.id())
            || f.holds(a.id(), ABOVE, b.id())
            || f.holds(a.id(), BELOW, b.id());
    return near || gap(a, b) < MIN_GAP ? Optional.empty() : Optional.of(APART);
  }

  /** Ground distance between centres less both half-diagonals: a lower bound of the gap. */
  static double gap(ObjectTruth a, ObjectTruth b) {
    return Math.max(
        0,
        a.position().groundDistance(b.position())
            - RelationQuestions.radius(a)
            - RelationQuestions.radius(b));
  }

  private static String reason(String answer, String na, String nb, double gap) {
    return switch (answer) {
      case RESTING_ON -> "The " + na + " stands directly on the top of the " + nb + ".";
      case SUPPORTING -> "The " + nb + " stands directly on the top of the " + na + ".";
      case SIDE_BY_SIDE ->
          "The " + na + " and the " + nb + " stand on the same surface with no gap between them.";
      default ->
          "The "
              + na
              + " and the "
              + nb
              + " do not touch: neither rests on the other and at least "
              + SceneFacts.fmt(gap)
              + " units separate them.";
    };
  }
}
