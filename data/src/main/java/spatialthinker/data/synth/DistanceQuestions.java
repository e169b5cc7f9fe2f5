package spatialthinker.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.ObjectTruth;

/**
 * Distance questions: which of two objects is closer to (or farther from) a reference object, by
 * the 3D distance between centres; asked only when the two distances differ by at least {@link
 * #MIN_DIFF} and by {@link #MIN_RELATIVE} of the shorter one.
 */
final class DistanceQuestions implements QuestionMaker {

  static final double MIN_DIFF = 0.3;
  static final double MIN_RELATIVE = 0.25;

  private static final String[] CLOSER = {
    "Which object is closer to the %s, the %s or the %s?",
    "Which is nearer to the %s, the %s or the %s?"
  };
  private static final String[] FARTHER = {"Which is farther from the %s, the %s or the %s?"};

  @Override
  public Category category() {
    return Category.DISTANCE;
  }

  @Override
  public List<QaItem> make(SceneFacts f, SplittableRandom r) {
    List<QaItem> out = new ArrayList<>();
    List<ObjectTruth> objs = f.objects();
    for (ObjectTruth ref : objs) {
      Optional<String> nr = f.name(ref);
      if (nr.isEmpty()) {
        continue;
      }
      for (int i = 0; i < objs.size(); i++) {
        for (int j = i + 1; j < objs.size(); j++) {
          ObjectTruth a = objs.get(i);
          ObjectTruth b = objs.get(j);
          Optional<String> na = f.name(a);
          Optional<String> nb = f.name(b);
          if (a == ref || b == ref || na.isEmpty() || nb.isEmpty()) {
            continue;
          }
          double da = dist(ref, a);
          double db = dist(ref, b);
          double diff = Math.abs(da - db);
          double margin = Math.max(MIN_DIFF, MIN_RELATIVE * Math.min(da, db));
          if (diff < margin) {
            continue;
          }
          boolean askCloser = r.nextInt(3) < 2;
          boolean aCloser = da < db;
          String question =
              String.format(
                  Choice.pick(askCloser ? CLOSER : FARTHER, r), nr.get(), na.get(), nb.get());
          Choice c = new Choice(List.of(na.get(), nb.get()), aCloser == askCloser ? 0 : 1);
          List<ObjectTruth> named = List.of(ref, a, b);
          String why =
              "Between centres, the "
                  + na.get()
                  + " is "
                  + SceneFacts.fmt(da)
                  + " units from the "
                  + nr.get()
                  + " and the "
                  + nb.get()
                  + " "
                  + SceneFacts.fmt(db)
                  + ", so the "
                  + (aCloser ? na.get() : nb.get())
                  + " is closer to it.";
          out.add(
              new QaItem(
                  f.imageId(),
                  Category.DISTANCE,
                  question,
                  c.options(),
                  c.answer(),
                  Difficulty.measure(
                      (diff / margin - 1) / 2, SceneFacts.minVisible(named), f.objectCount(), 2),
                  f.subgraph(named, List.of()),
                  f.observe(named, List.of(nr.get(), na.get(), nb.get())),
                  why));
        }
      }
    }
    return out;
  }

  static double dist(ObjectTruth a, ObjectTruth b) {
    return a.position().minus(b.position()).length();
  }
}
