package spatialthinker.data.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.Kind;
import spatialthinker.scenes.ObjectTruth;

/**
 * Count questions: how many objects of a shape, or of a colour and shape, the image shows; asked
 * only when every counted object shows at least {@link #MIN_VISIBLE} of its silhouette, so no
 * answer depends on a heavily occluded object.
 */
final class CountQuestions implements QuestionMaker {

  static final double MIN_VISIBLE = 0.5;

  private static final String[] PHRASINGS = {
    "How many %s are there in the image?",
    "How many %s can you see?",
    "What is the number of %s in the picture?",
    "Count the %s in the image. How many are there?"
  };

  @Override
  public Category category() {
    return Category.COUNT;
  }

  @Override
  public List<QaItem> make(SceneFacts f, SplittableRandom r) {
    Map<String, List<ObjectTruth>> groups = new LinkedHashMap<>();
    for (ObjectTruth o : f.objects()) {
      groups.computeIfAbsent(plural(o.shape()), k -> new ArrayList<>()).add(o);
      groups
          .computeIfAbsent(o.color().word() + " " + plural(o.shape()), k -> new ArrayList<>())
          .add(o);
    }
    List<QaItem> out = new ArrayList<>();
    for (Map.Entry<String, List<ObjectTruth>> g : groups.entrySet()) {
      List<ObjectTruth> members = g.getValue();
      int n = members.size();
      if (SceneFacts.minVisible(members) < MIN_VISIBLE) {
        continue;
      }
      List<String> distractors = new ArrayList<>();
      for (int d = Math.max(0, n - 2); d <= n + 2; d++) {
        if (d != n) {
          distractors.add(Integer.toString(d));
        }
      }
      Choice c = Choice.of(Integer.toString(n), distractors, 3, r);
      List<String> names = new ArrayList<>();
      members.forEach(m -> names.add(m.color().word() + " " + m.shape().word()));
      String why =
          "Counting every "
              + singular(g.getKey())
              + " in the image gives "
              + n
              + ": "
              + String.join(", ", members.stream().map(ObjectTruth::id).toList())
              + ".";
      out.add(
          new QaItem(
              f.imageId(),
              Category.COUNT,
              String.format(Choice.pick(PHRASINGS, r), g.getKey()),
              c.options(),
              c.answer(),
              Difficulty.measure(
                  1 - (n - 1) / 5.0, SceneFacts.minVisible(members), f.objectCount(), 0),
              f.subgraph(members, List.of()),
              f.observe(members, names),
              why));
    }
    return out;
  }

  /** The plural of a shape word. */
  static String plural(Kind k) {
    return k == Kind.SNOWMAN ? "snowmen" : k.word() + "s";
  }

  private static String singular(String plural) {
    return plural.endsWith("snowmen")
        ? plural.substring(0, plural.length() - 3) + "man"
        : plural.substring(0, plural.length() - 1);
  }
}
