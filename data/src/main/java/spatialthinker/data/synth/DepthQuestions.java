package spatialthinker.data.synth;

import static spatialthinker.scenes.SpatialPredicate.IN_FRONT_OF;

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
 * Depth questions: which of two objects is closer to (or farther from) the camera, by camera-space
 * depth of their centres; asked only when the depths differ by at least {@link #MIN_DIFF} and by
 * {@link #MIN_RELATIVE} of the nearer depth.
 */
final class DepthQuestions implements QuestionMaker {

  static final double MIN_DIFF = 0.35;
  static final double MIN_RELATIVE = 0.08;

  private static final String[] CLOSER = {
    "Which is closer to the camera, the %s or the %s?",
    "Which of the two is nearer to the viewer, the %s or the %s?"
  };
  private static final String[] FARTHER = {"Which is farther from the camera, the %s or the %s?"};
  private static final String CLOSER_YES_NO = "Is the %s closer to the camera than the %s?";

  @Override
  public Category category() {
    return Category.DEPTH;
  }

  @Override
  public List<QaItem> make(SceneFacts f, SplittableRandom r) {
    List<QaItem> out = new ArrayList<>();
    List<ObjectTruth> objs = f.objects();
    for (int i = 0; i < objs.size(); i++) {
      for (int j = i + 1; j < objs.size(); j++) {
        ObjectTruth a = objs.get(i);
        ObjectTruth b = objs.get(j);
        Optional<String> na = f.name(a);
        Optional<String> nb = f.name(b);
        double diff = Math.abs(a.depth() - b.depth());
        if (na.isEmpty() || nb.isEmpty() || !clear(a.depth(), b.depth())) {
          continue;
        }
        boolean aCloser = a.depth() < b.depth();
        int form = r.nextInt(3);
        String question;
        Choice c;
        if (form == 2) {
          question = String.format(CLOSER_YES_NO, na.get(), nb.get());
          c = Choice.yesNo(aCloser);
        } else {
          boolean askCloser = form == 0;
          question =
              String.format(Choice.pick(askCloser ? CLOSER : FARTHER, r), na.get(), nb.get());
          c = new Choice(List.of(na.get(), nb.get()), aCloser == askCloser ? 0 : 1);
        }
        ObjectTruth near = aCloser ? a : b;
        ObjectTruth far = aCloser ? b : a;
        List<Relation> rels = new ArrayList<>();
        if (f.holds(near.id(), IN_FRONT_OF, far.id())) {
          rels.add(SceneFacts.relation(near, IN_FRONT_OF, far));
        }
        List<ObjectTruth> named = List.of(a, b);
        String why =
            "Along the viewing direction the "
                + na.get()
                + " is "
                + SceneFacts.fmt(a.depth())
                + " units from the camera and the "
                + nb.get()
                + " "
                + SceneFacts.fmt(b.depth())
                + ", so the "
                + (aCloser ? na.get() : nb.get())
                + " is closer.";
        out.add(
            new QaItem(
                f.imageId(),
                Category.DEPTH,
                question,
                c.options(),
                c.answer(),
                Difficulty.measure(
                    (diff - MIN_DIFF) / 1.5, SceneFacts.minVisible(named), f.objectCount(), 1),
                f.subgraph(named, rels),
                f.observe(named, List.of(na.get(), nb.get())),
                why));
      }
    }
    return out;
  }

  /** True when two depths differ enough to ask which is closer. */
  static boolean clear(double da, double db) {
    double diff = Math.abs(da - db);
    return diff >= MIN_DIFF && diff >= MIN_RELATIVE * Math.min(da, db);
  }
}
