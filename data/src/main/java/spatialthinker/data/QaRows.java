package spatialthinker.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import spatialthinker.core.parse.ParseLimits;
import spatialthinker.core.parse.SceneJson;

/**
 * Turns a question into a row: shuffles its options with a seed taken from a stable hash of the
 * image id, question and options (so the order is the same on every run and JVM, and the correct
 * letter spreads evenly), and writes every column.
 */
public final class QaRows {

  private static final SceneJson JSON = new SceneJson(ParseLimits.DEFAULT);

  private QaRows() {}

  /**
   * The row of a question.
   *
   * @param item the question
   * @param scene its scene
   * @param split {@code train} or {@code val}
   * @param imageFile where the image lies, relative to the JSONL mirror
   * @param teacher how long the teacher response is
   */
  public static QaRow build(
      QaItem item, SceneInfo scene, String split, String imageFile, TeacherStyle teacher) {
    List<String> options = shuffled(item);
    int index = options.indexOf(item.answerText());
    String letter = String.valueOf((char) ('A' + index));
    String text = item.answerText();
    String scene0 = "<scene>" + JSON.write(item.subgraph()) + "</scene>\n";
    String withOptions = Prompts.withOptions(item.question(), options);
    String optionText = "(" + letter + ") " + text;
    String response =
        teacher.response(item.observe(), JSON.write(item.subgraph()), item.think(), optionText);
    return new QaRow(
        StableHash.hex(item.imageId() + "\u001f" + item.question()),
        item.imageId(),
        scene.image().path(),
        imageFile,
        scene.width(),
        scene.height(),
        Prompts.spatialThinker(scene.width(), scene.height(), withOptions),
        item.question(),
        withOptions,
        options,
        scene0 + "<answer>" + letter + "</answer>",
        letter,
        scene0 + "<answer>" + text + "</answer>",
        text,
        scene0 + "<answer>" + optionText + "</answer>",
        optionText,
        item.category().word(),
        item.difficulty().level().word(),
        item.difficulty().rating(),
        scene.source(),
        split,
        scene.sceneId(),
        response,
        Prompts.reasoning(scene.width(), scene.height(), withOptions));
  }

  /** The options in their shuffled order. */
  static List<String> shuffled(QaItem item) {
    List<String> sorted = new ArrayList<>(item.options());
    sorted.sort(null);
    long seed = StableHash.of(item.imageId(), item.question(), String.join("\u001f", sorted));
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(sorted);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }
}
