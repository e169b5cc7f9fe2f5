package spatialthinker.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import spatialthinker.core.geometry.Box;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.ObjectTruth;

/**
 * Instance-location questions: in which cell of a 3 x 3 grid over the image the centre of an
 * object's box lies; asked only when the centre is at least {@link #MARGIN} of the image size away
 * from every inner grid line.
 */
final class LocationQuestions implements QuestionMaker {

  static final double MARGIN = 0.04;

  static final List<String> CELLS =
      List.of(
          "top left",
          "top center",
          "top right",
          "center left",
          "center",
          "center right",
          "bottom left",
          "bottom center",
          "bottom right");

  private static final String[] PHRASINGS = {
    "In which part of the image is the %s located?",
    "Where in the image is the %s?",
    "Which region of the image contains the %s?",
    "In what part of the frame does the %s appear?"
  };

  @Override
  public Category category() {
    return Category.INSTANCE_LOCATION;
  }

  @Override
  public List<QaItem> make(SceneFacts f, SplittableRandom r) {
    List<QaItem> out = new ArrayList<>();
    for (ObjectTruth a : f.objects()) {
      Optional<String> na = f.name(a);
      if (na.isEmpty()) {
        continue;
      }
      Box box = f.box(a.id());
      double cx = (box.x1() + box.x2()) / 2 / f.scene().width();
      double cy = (box.y1() + box.y2()) / 2 / f.scene().height();
      double margin = Math.min(gridDistance(cx), gridDistance(cy));
      if (margin < MARGIN) {
        continue;
      }
      String cell = cell(cx, cy);
      Choice c = Choice.of(cell, sameLine(cell, r.nextBoolean()), 2, r);
      List<ObjectTruth> named = List.of(a);
      String why =
          "The centre of its box is at "
              + Math.round(cx * 100)
              + "% of the width and "
              + Math.round(cy * 100)
              + "% of the height, which is the "
              + cell
              + " of the image.";
      out.add(
          new QaItem(
              f.imageId(),
              Category.INSTANCE_LOCATION,
              String.format(Choice.pick(PHRASINGS, r), na.get()),
              c.options(),
              c.answer(),
              Difficulty.measure((margin - MARGIN) / 0.1, a.visibleFraction(), f.objectCount(), 0),
              f.subgraph(named, List.of()),
              f.observe(named, List.of(na.get())),
              why));
    }
    return out;
  }

  /**
   * The other two cells of the cell's row ({@code row}) or column: the options then say in which
   * row or column to look and not which cell, and each cell of a line is the answer as often as the
   * others (the balancer sees to it).
   */
  static List<String> sameLine(String cell, boolean row) {
    int i = CELLS.indexOf(cell);
    List<String> out = new ArrayList<>();
    for (int j = 0; j < CELLS.size(); j++) {
      if (j != i && (row ? j / 3 == i / 3 : j % 3 == i % 3)) {
        out.add(CELLS.get(j));
      }
    }
    return out;
  }

  /** The grid cell of a normalised point. */
  static String cell(double cx, double cy) {
    int col = Math.min(2, (int) (cx * 3));
    int row = Math.min(2, (int) (cy * 3));
    return CELLS.get(row * 3 + col);
  }

  private static double gridDistance(double v) {
    return Math.min(Math.abs(v - 1 / 3.0), Math.abs(v - 2 / 3.0));
  }
}
