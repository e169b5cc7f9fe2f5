package spatialthinker.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.Colour;
import spatialthinker.scenes.Kind;
import spatialthinker.scenes.ObjectTruth;

/**
 * Count questions: how many objects of a shape, or of a colour and shape, the image shows, from 0
 * (a shape the image lacks, or a colour none of its objects of that shape has) to {@link #MAX}. The
 * options are always 0 to {@link #MAX}, so their set tells nothing. A group is asked only when
 * every counted object shows at least {@link #MIN_VISIBLE} of its silhouette, and never when an
 * object of the group is drawn below the visibility threshold (the picture might show it).
 */
final class CountQuestions implements QuestionMaker {

  static final double MIN_VISIBLE = 0.5;

  /** Largest count asked. */
  static final int MAX = 3;

  static final List<String> OPTIONS = List.of("0", "1", "2", "3");

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
    List<QaItem> out = new ArrayList<>();
    for (Kind k : Kind.values()) {
      List<ObjectTruth> ofKind = f.objects().stream().filter(o -> o.shape() == k).toList();
      group(f, k, null, ofKind, r).ifPresent(out::add);
      if (ofKind.isEmpty()) {
        continue;
      }
      for (Colour c : Colour.values()) {
        group(f, k, c, ofKind.stream().filter(o -> o.color() == c).toList(), r).ifPresent(out::add);
      }
    }
    return out;
  }

  private Optional<QaItem> group(
      SceneFacts f, Kind k, Colour c, List<ObjectTruth> members, SplittableRandom r) {
    int n = members.size();
    if (n > MAX || SceneFacts.minVisible(members) < MIN_VISIBLE || f.hiddenMatch(k, c)) {
      return Optional.empty();
    }
    String noun = (c == null ? "" : c.word() + " ") + plural(k);
    List<String> names = new ArrayList<>();
    members.forEach(m -> names.add(m.color().word() + " " + m.shape().word()));
    String why =
        n == 0
            ? "No " + singular(noun) + " is in the image, so the count is 0."
            : "Counting every "
                + singular(noun)
                + " in the image gives "
                + n
                + ": "
                + String.join(", ", members.stream().map(ObjectTruth::id).toList())
                + ".";
    return Optional.of(
        new QaItem(
            f.imageId(),
            Category.COUNT,
            String.format(Choice.pick(PHRASINGS, r), noun),
            OPTIONS,
            n,
            Difficulty.measure(
                1 - Math.max(0, n - 1) / 5.0, SceneFacts.minVisible(members), f.objectCount(), 0),
            f.subgraph(members, List.of()),
            f.observe(members, names),
            why));
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
