package spatialthinker.data.synth;

import static spatialthinker.scenes.SpatialPredicate.FACING_AWAY_FROM;
import static spatialthinker.scenes.SpatialPredicate.FACING_TOWARDS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import spatialthinker.core.graph.Relation;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.ObjectTruth;
import spatialthinker.scenes.Vec3;

/**
 * Orientation questions: in which direction an object lies from the point of view of a reference
 * object that has a front (chair, car, snowman). The bearing is measured in the ground plane from
 * the reference's front ({@code (sin yaw, 0, cos yaw)}) towards its right ({@code front x up}, the
 * same handedness as the camera's right): in front within {@link #HALF_WIDTH} degrees of 0, to the
 * right within it of 90, behind of 180, to the left of -90; bearings in between are not asked.
 */
final class OrientationQuestions implements QuestionMaker {

  static final double HALF_WIDTH = 30;
  static final double MIN_GROUND_DISTANCE = 0.4;
  static final double MIN_REF_VISIBLE = 0.5;

  static final String FRONT = "in front";
  static final String BEHIND = "behind";
  static final String LEFT = "to the left";
  static final String RIGHT = "to the right";
  static final List<String> ANSWERS = List.of(FRONT, BEHIND, LEFT, RIGHT);

  private static final String[] PHRASINGS = {
    "From the %s's perspective, which direction is the %s?",
    "If you stood where the %s is, facing the way it faces, where would the %s be?",
    "Relative to the way the %s is facing, where is the %s?",
    "Looking from the %s's point of view, in which direction is the %s?"
  };

  @Override
  public Category category() {
    return Category.ORIENTATION;
  }

  @Override
  public List<QaItem> make(SceneFacts f, SplittableRandom r) {
    List<QaItem> out = new ArrayList<>();
    for (ObjectTruth ref : f.objects()) {
      Optional<String> nr = f.name(ref);
      if (!ref.shape().hasFront() || nr.isEmpty() || ref.visibleFraction() < MIN_REF_VISIBLE) {
        continue;
      }
      for (ObjectTruth a : f.objects()) {
        Optional<String> na = f.name(a);
        if (a == ref
            || na.isEmpty()
            || ref.position().groundDistance(a.position()) < MIN_GROUND_DISTANCE) {
          continue;
        }
        double bearing = bearing(ref, a.position());
        Optional<String> answer = direction(bearing);
        if (answer.isEmpty()) {
          continue;
        }
        Choice c = Choice.of(answer.get(), ANSWERS, 3, r);
        List<ObjectTruth> named = List.of(ref, a);
        List<Relation> rels = new ArrayList<>();
        if (f.holds(ref.id(), FACING_TOWARDS, a.id())) {
          rels.add(SceneFacts.relation(ref, FACING_TOWARDS, a));
        } else if (f.holds(ref.id(), FACING_AWAY_FROM, a.id())) {
          rels.add(SceneFacts.relation(ref, FACING_AWAY_FROM, a));
        }
        String why =
            SceneFacts.capitalise("the ")
                + nr.get()
                + " faces a direction of "
                + Math.round(ref.yaw())
                + " degrees about the vertical; seen from it, the "
                + na.get()
                + " lies at a bearing of "
                + Math.round(bearing)
                + " degrees from its front (positive to its right), which is "
                + answer.get()
                + ".";
        out.add(
            new QaItem(
                f.imageId(),
                Category.ORIENTATION,
                String.format(Choice.pick(PHRASINGS, r), nr.get(), na.get()),
                c.options(),
                c.answer(),
                Difficulty.measure(
                    clarity(bearing), SceneFacts.minVisible(named), f.objectCount(), 2),
                f.subgraph(named, rels),
                f.observe(named, List.of(nr.get(), na.get())),
                why));
      }
    }
    return out;
  }

  /**
   * Bearing of {@code p} from {@code ref}'s front, degrees in (-180, 180], positive to its right.
   */
  static double bearing(ObjectTruth ref, Vec3 p) {
    Vec3 front = ref.front();
    Vec3 right = front.cross(new Vec3(0, 1, 0));
    Vec3 d = p.minus(ref.position());
    double fwd = d.x() * front.x() + d.z() * front.z();
    double side = d.x() * right.x() + d.z() * right.z();
    return Math.toDegrees(StrictMath.atan2(side, fwd));
  }

  /** The direction class of a bearing, or empty between classes. */
  static Optional<String> direction(double bearing) {
    double abs = Math.abs(bearing);
    if (abs <= HALF_WIDTH) {
      return Optional.of(FRONT);
    }
    if (abs >= 180 - HALF_WIDTH) {
      return Optional.of(BEHIND);
    }
    if (abs >= 90 - HALF_WIDTH && abs <= 90 + HALF_WIDTH) {
      return Optional.of(bearing > 0 ? RIGHT : LEFT);
    }
    return Optional.empty();
  }

  private static double clarity(double bearing) {
    double abs = Math.abs(bearing);
    double off = Math.min(Math.min(abs, 180 - abs), Math.abs(abs - 90));
    return 1 - off / HALF_WIDTH;
  }
}
