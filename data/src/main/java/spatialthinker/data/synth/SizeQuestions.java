package spatialthinker.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.ObjectTruth;
import spatialthinker.scenes.Vec3;

/**
 * Size questions: which of two objects is bigger (bounding-box volume, ratio at least {@link
 * #VOLUME_RATIO}) or taller (height ratio at least {@link #HEIGHT_RATIO} and {@link #HEIGHT_DIFF}
 * apart). Objects are named without their size class, which would give the answer away.
 */
final class SizeQuestions implements QuestionMaker {

  static final double VOLUME_RATIO = 2.0;
  static final double HEIGHT_RATIO = 1.3;
  static final double HEIGHT_DIFF = 0.1;

  private static final String[] BIGGER = {
    "Which is bigger, the %s or the %s?", "Which object is larger: the %s or the %s?"
  };
  private static final String[] SMALLER = {"Which is smaller, the %s or the %s?"};
  private static final String[] TALLER = {"Which is taller, the %s or the %s?"};
  private static final String[] SHORTER = {"Which is shorter, the %s or the %s?"};
  private static final String BIGGER_YES_NO = "Is the %s bigger than the %s?";

  @Override
  public Category category() {
    return Category.SIZE;
  }

  @Override
  public List<QaItem> make(SceneFacts f, SplittableRandom r) {
    List<QaItem> out = new ArrayList<>();
    List<ObjectTruth> objs = f.objects();
    for (int i = 0; i < objs.size(); i++) {
      for (int j = i + 1; j < objs.size(); j++) {
        ObjectTruth a = objs.get(i);
        ObjectTruth b = objs.get(j);
        Optional<String> na = f.nameWithoutSize(a);
        Optional<String> nb = f.nameWithoutSize(b);
        if (na.isEmpty() || nb.isEmpty() || na.get().equals(nb.get())) {
          continue;
        }
        double va = volume(a.dimensions());
        double vb = volume(b.dimensions());
        double ratio = Math.max(va, vb) / Math.min(va, vb);
        if (ratio >= VOLUME_RATIO) {
          boolean aBigger = va > vb;
          int form = r.nextInt(3);
          String question;
          Choice c;
          if (form == 2) {
            question = String.format(BIGGER_YES_NO, na.get(), nb.get());
            c = Choice.yesNo(aBigger);
          } else {
            boolean askBigger = form == 0;
            question =
                String.format(Choice.pick(askBigger ? BIGGER : SMALLER, r), na.get(), nb.get());
            c = new Choice(List.of(na.get(), nb.get()), aBigger == askBigger ? 0 : 1);
          }
          String why =
              describe(na.get(), a.dimensions())
                  + "; "
                  + describe(nb.get(), b.dimensions())
                  + ". The "
                  + (aBigger ? na.get() : nb.get())
                  + " is about "
                  + SceneFacts.fmt(ratio)
                  + " times the volume of the other.";
          out.add(item(f, a, b, na.get(), nb.get(), question, c, (ratio - VOLUME_RATIO) / 2, why));
        }
        double ha = a.dimensions().y();
        double hb = b.dimensions().y();
        double hr = Math.max(ha, hb) / Math.min(ha, hb);
        if (hr >= HEIGHT_RATIO && Math.abs(ha - hb) >= HEIGHT_DIFF) {
          boolean askTaller = r.nextBoolean();
          boolean aTaller = ha > hb;
          String question =
              String.format(Choice.pick(askTaller ? TALLER : SHORTER, r), na.get(), nb.get());
          Choice c = new Choice(List.of(na.get(), nb.get()), aTaller == askTaller ? 0 : 1);
          String why =
              SceneFacts.capitalise("the ")
                  + na.get()
                  + " is "
                  + SceneFacts.fmt(ha)
                  + " units tall and the "
                  + nb.get()
                  + " "
                  + SceneFacts.fmt(hb)
                  + ".";
          out.add(item(f, a, b, na.get(), nb.get(), question, c, (hr - HEIGHT_RATIO) / 0.7, why));
        }
      }
    }
    return out;
  }

  private static QaItem item(
      SceneFacts f,
      ObjectTruth a,
      ObjectTruth b,
      String na,
      String nb,
      String question,
      Choice c,
      double clarity,
      String why) {
    List<ObjectTruth> named = List.of(a, b);
    return new QaItem(
        f.imageId(),
        Category.SIZE,
        question,
        c.options(),
        c.answer(),
        Difficulty.measure(clarity, SceneFacts.minVisible(named), f.objectCount(), 1),
        f.subgraph(named, List.of()),
        f.observe(named, List.of(na, nb)),
        why);
  }

  static double volume(Vec3 d) {
    return d.x() * d.y() * d.z();
  }

  private static String describe(String name, Vec3 d) {
    return SceneFacts.capitalise("the ")
        + name
        + " measures "
        + SceneFacts.fmt(d.x())
        + " x "
        + SceneFacts.fmt(d.y())
        + " x "
        + SceneFacts.fmt(d.z())
        + " units";
  }
}
