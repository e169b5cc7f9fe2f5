package spatialthinker.data.synth;

import static spatialthinker.scenes.SpatialPredicate.ON_TOP_OF;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import spatialthinker.core.graph.Relation;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.Colour;
import spatialthinker.scenes.Kind;
import spatialthinker.scenes.ObjectTruth;

/**
 * Existence questions (yes/no): is there an object of a colour and shape, or of a shape, in the
 * image; and is there an object of one shape resting on one of another shape. A {@code yes} needs a
 * match showing at least {@link #MIN_VISIBLE} of itself; a {@code no} asks about a colour or shape
 * that no listed object has (for the colour form, of a shape the image does show), or about a
 * stacking of two shapes the image shows that does not occur but that the scene sampler can make (a
 * cube, sphere, cylinder or cone on a cube or cylinder), so the shapes do not give the answer away.
 * No question asks about a kind (with its colour) that has an object drawn below the visibility
 * threshold. Which answers are kept, and how many of each, is the balancer's choice.
 */
final class ExistenceQuestions implements QuestionMaker {

  static final double MIN_VISIBLE = 0.5;

  private static final String[] THING = {
    "Is there %s %s in the image?",
    "Does the image contain %s %s?",
    "Can you see %s %s in the picture?"
  };
  private static final String[] STACK = {
    "Is there %s %s on top of %s %s in the picture?", "Does %s %s rest on top of %s %s here?"
  };

  @Override
  public Category category() {
    return Category.EXISTENCE;
  }

  @Override
  public List<QaItem> make(SceneFacts f, SplittableRandom r) {
    List<QaItem> out = new ArrayList<>();
    for (Kind k : Kind.values()) {
      List<ObjectTruth> ofKind = f.objects().stream().filter(o -> o.shape() == k).toList();
      if (f.hiddenMatch(k, null)) {
        continue;
      }
      if (ofKind.isEmpty()) {
        out.add(thing(f, k.word(), List.of(), false, r, "No object in the image is a " + k.word()));
        continue;
      }
      if (SceneFacts.minVisible(ofKind) >= MIN_VISIBLE) {
        out.add(thing(f, k.word(), ofKind, true, r, "The image shows"));
      }
      for (Colour c : Colour.values()) {
        String noun = c.word() + " " + k.word();
        List<ObjectTruth> match = ofKind.stream().filter(o -> o.color() == c).toList();
        if (f.hiddenMatch(k, c)) {
          continue;
        }
        if (match.isEmpty()) {
          out.add(
              thing(f, noun, ofKind, false, r, "No " + k.word() + " in the image is " + c.word()));
        } else if (SceneFacts.minVisible(match) >= MIN_VISIBLE) {
          out.add(thing(f, noun, match, true, r, "The image shows"));
        }
      }
    }
    for (Kind top : Kind.values()) {
      for (Kind bottom : Kind.values()) {
        stack(f, top, bottom, r).ifPresent(out::add);
      }
    }
    return out;
  }

  /** The plural of a noun phrase ending in a shape word. */
  private static String plural(String noun) {
    int space = noun.lastIndexOf(' ');
    return noun.substring(0, space + 1) + CountQuestions.plural(Kind.of(noun.substring(space + 1)));
  }

  private QaItem thing(
      SceneFacts f,
      String noun,
      List<ObjectTruth> shown,
      boolean yes,
      SplittableRandom r,
      String why) {
    String question = String.format(Choice.pick(THING, r), Choice.article(noun), noun);
    Choice c = Choice.yesNo(yes);
    List<String> names =
        shown.stream().map(o -> o.color().word() + " " + o.shape().word()).toList();
    String think =
        yes
            ? why
                + " "
                + shown.size()
                + " "
                + (shown.size() == 1 ? noun : plural(noun))
                + ": "
                + String.join(", ", shown.stream().map(ObjectTruth::id).toList())
                + "."
            : why + ".";
    return new QaItem(
        f.imageId(),
        Category.EXISTENCE,
        question,
        c.options(),
        c.answer(),
        Difficulty.measure(1, SceneFacts.minVisible(shown), f.objectCount(), 0),
        f.subgraph(shown, List.of()),
        f.observe(shown, names),
        think);
  }

  private Optional<QaItem> stack(SceneFacts f, Kind top, Kind bottom, SplittableRandom r) {
    List<ObjectTruth> tops = f.objects().stream().filter(o -> o.shape() == top).toList();
    List<ObjectTruth> bottoms = f.objects().stream().filter(o -> o.shape() == bottom).toList();
    if (tops.isEmpty()
        || bottoms.isEmpty()
        || (top == bottom && tops.size() < 2)
        || !SceneFacts.stackable(top, bottom)
        || f.hiddenMatch(top, null)
        || f.hiddenMatch(bottom, null)) {
      return Optional.empty();
    }
    List<ObjectTruth> shown = new ArrayList<>();
    List<Relation> rels = new ArrayList<>();
    for (ObjectTruth t : tops) {
      for (ObjectTruth b : bottoms) {
        if (f.holds(t.id(), ON_TOP_OF, b.id())) {
          shown.add(t);
          shown.add(b);
          rels.add(SceneFacts.relation(t, ON_TOP_OF, b));
        }
      }
    }
    boolean yes = !rels.isEmpty();
    if (yes && SceneFacts.minVisible(shown) < MIN_VISIBLE) {
      return Optional.empty();
    }
    List<ObjectTruth> named = new ArrayList<>();
    if (yes) {
      f.objects().stream().filter(shown::contains).forEach(named::add);
    } else {
      f.objects().stream().filter(o -> tops.contains(o) || bottoms.contains(o)).forEach(named::add);
    }
    String t = top.word();
    String b = bottom.word();
    String question =
        String.format(Choice.pick(STACK, r), Choice.article(t), t, Choice.article(b), b);
    String think =
        yes
            ? SceneFacts.capitalise(
                    String.join(
                        "; ",
                        rels.stream().map(x -> x.subject() + " rests on " + x.object()).toList()))
                + "."
            : "The image shows "
                + tops.size()
                + " "
                + (tops.size() == 1 ? t : CountQuestions.plural(top))
                + " and "
                + bottoms.size()
                + " "
                + (bottoms.size() == 1 ? b : CountQuestions.plural(bottom))
                + ", but no "
                + t
                + " rests on a "
                + b
                + ".";
    Choice c = Choice.yesNo(yes);
    List<String> names =
        named.stream().map(o -> o.color().word() + " " + o.shape().word()).toList();
    return Optional.of(
        new QaItem(
            f.imageId(),
            Category.EXISTENCE,
            question,
            c.options(),
            c.answer(),
            Difficulty.measure(0.8, SceneFacts.minVisible(named), f.objectCount(), 1),
            f.subgraph(named, rels),
            f.observe(named, names),
            think));
  }
}
