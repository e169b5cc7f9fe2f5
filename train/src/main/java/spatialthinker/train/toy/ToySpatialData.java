package spatialthinker.train.toy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A small, seeded, learnable stand-in for the synthetic QA data: Java2D images with two or three
 * coloured shapes, relation and size questions whose answers follow from the drawn geometry, the
 * question-focused ground-truth scene graph with the true pixel boxes, and a teacher response. It
 * writes the same parquet columns as the data module ({@link ToyParquetWriter}), so training reads
 * it through the same reader.
 */
public final class ToySpatialData {

  /** The SpatialThinker instruction that starts every training prompt. */
  public static final String INSTRUCTION =
      "You FIRST observe the image in <observe> </observe> tags, then visualise the relevant scene"
          + " graph in <scene> </scene> tags, followed by thinking about the reasoning process as"
          + " an internal monologue within <think> </think> tags and then provide the final"
          + " answer. The final answer MUST BE put within <answer> </answer> tags, and only return"
          + " the final choice including the correct option and answer within the answer tags,"
          + " e.g., <answer> (A) cat </answer>.";

  private static final String[] SHAPES = {"cube", "sphere", "cylinder"};
  private static final String[] COLOURS = {"red", "blue", "green", "yellow"};
  private static final Color[] RGB = {
    new Color(220, 40, 40), new Color(40, 70, 220), new Color(30, 170, 60), new Color(230, 200, 30)
  };
  private static final String[] RELATIONS = {"left of", "right of", "above", "below"};

  private final int size;

  /** Generates images of {@code size x size} pixels (at least 32). */
  public ToySpatialData(int size) {
    if (size < 32) {
      throw new IllegalArgumentException("toy image size must be >= 32, got " + size);
    }
    this.size = size;
  }

  /** A drawn object: shape, colour index and box. */
  record Shape(String shape, int colour, int x1, int y1, int x2, int y2) {
    String name() {
      return COLOURS[colour] + " " + shape;
    }

    double cx() {
      return (x1 + x2) / 2.0;
    }

    double cy() {
      return (y1 + y2) / 2.0;
    }

    int area() {
      return (x2 - x1) * (y2 - y1);
    }
  }

  /** {@code count} rows, the last {@code valFraction} of them in the val split. */
  public List<ToyRow> generate(int count, double valFraction, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    List<ToyRow> rows = new ArrayList<>(count);
    int nVal = (int) Math.round(count * valFraction);
    for (int i = 0; i < count; i++) {
      SplittableRandom rnd = root.split();
      String split = i >= count - nVal ? "val" : "train";
      rows.add(row(i, split, rnd));
    }
    return rows;
  }

  /** Generates rows and writes them as QA parquet. */
  public void write(Path file, int count, double valFraction, long seed) {
    ToyParquetWriter.write(file, generate(count, valFraction, seed));
  }

  private ToyRow row(int index, String split, SplittableRandom rnd) {
    boolean relation = rnd.nextInt(3) != 0;
    while (true) {
      List<Shape> shapes = scene(rnd);
      if (shapes.isEmpty()) {
        continue;
      }
      Shape a = shapes.get(0);
      Shape b = shapes.get(1);
      String answer;
      if (relation) {
        double dx = b.cx() - a.cx();
        double dy = b.cy() - a.cy();
        double min = size / 10.0;
        if (Math.abs(dx) >= 1.5 * Math.abs(dy) && Math.abs(dx) >= min) {
          answer = dx > 0 ? "left of" : "right of";
        } else if (Math.abs(dy) >= 1.5 * Math.abs(dx) && Math.abs(dy) >= min) {
          answer = dy > 0 ? "above" : "below";
        } else {
          continue;
        }
      } else {
        if (a.area() >= 1.5 * b.area()) {
          answer = "larger than";
        } else if (b.area() >= 1.5 * a.area()) {
          answer = "smaller than";
        } else {
          continue;
        }
      }
      return relation
          ? relationRow(index, split, shapes, answer, rnd)
          : sizeRow(index, split, shapes, answer, rnd);
    }
  }

  private ToyRow relationRow(
      int index, String split, List<Shape> shapes, String answer, SplittableRandom rnd) {
    Shape a = shapes.get(0);
    Shape b = shapes.get(1);
    List<String> options = new ArrayList<>(List.of(RELATIONS));
    shuffle(options, rnd);
    String question = "Where is the " + a.name() + " with respect to the " + b.name() + "?";
    return finish(index, split, shapes, "relation", question, options, answer, answer);
  }

  private ToyRow sizeRow(
      int index, String split, List<Shape> shapes, String relation, SplittableRandom rnd) {
    Shape a = shapes.get(0);
    Shape b = shapes.get(1);
    List<String> options = new ArrayList<>(List.of(a.name(), b.name()));
    shuffle(options, rnd);
    String question = "Which is larger, the " + a.name() + " or the " + b.name() + "?";
    String answer = relation.equals("larger than") ? a.name() : b.name();
    return finish(index, split, shapes, "size", question, options, answer, relation);
  }

  private ToyRow finish(
      int index,
      String split,
      List<Shape> shapes,
      String category,
      String question,
      List<String> options,
      String answer,
      String predicate) {
    Shape a = shapes.get(0);
    Shape b = shapes.get(1);
    int letterIndex = options.indexOf(answer);
    String letter = String.valueOf((char) ('A' + letterIndex));
    StringBuilder opts = new StringBuilder("Options:");
    for (int i = 0; i < options.size(); i++) {
      opts.append(" (").append((char) ('A' + i)).append(") ").append(options.get(i));
    }
    String withOptions = question + "\n" + opts;
    String idA = a.shape() + ".1";
    String idB = b.shape() + ".2";
    String scene =
        "{\"objects\":["
            + object(idA, a)
            + ","
            + object(idB, b)
            + "],\"relationships\":[{\"subject\":\""
            + idA
            + "\",\"predicate\":\""
            + predicate
            + "\",\"object\":\""
            + idB
            + "\"}]}";
    String problem =
        INSTRUCTION + "\n\nImage size: (" + size + " x " + size + ")\n\n" + withOptions;
    String choice = "(" + letter + ") " + answer;
    String teacher =
        "<observe>I see the "
            + a.name()
            + " and the "
            + b.name()
            + ".</observe><scene>"
            + scene
            + "</scene><think>The "
            + a.name()
            + " is "
            + predicate
            + " the "
            + b.name()
            + ".</think><answer>"
            + choice
            + "</answer>";
    String imageId = String.format(Locale.ROOT, "toy_%06d", index);
    return new ToyRow(
        imageId,
        png(shapes),
        problem,
        question,
        withOptions,
        options,
        "<scene>" + scene + "</scene>\n<answer>" + letter + "</answer>",
        letter,
        answer,
        "<scene>" + scene + "</scene>\n<answer>" + choice + "</answer>",
        category,
        "easy",
        8,
        split,
        imageId,
        teacher);
  }

  private static String object(String id, Shape s) {
    return "{\"id\":\""
        + id
        + "\",\"bbox\":["
        + s.x1()
        + ","
        + s.y1()
        + ","
        + s.x2()
        + ","
        + s.y2()
        + "]}";
  }

  private List<Shape> scene(SplittableRandom rnd) {
    int n = 2 + rnd.nextInt(2);
    List<Shape> shapes = new ArrayList<>();
    List<String> used = new ArrayList<>();
    int lo = Math.max(6, size / 8);
    int hi = Math.max(lo + 2, size / 3);
    for (int tries = 0; shapes.size() < n && tries < 200; tries++) {
      String shape = SHAPES[rnd.nextInt(SHAPES.length)];
      int colour = rnd.nextInt(COLOURS.length);
      String name = COLOURS[colour] + " " + shape;
      if (used.contains(name)) {
        continue;
      }
      int w = lo + rnd.nextInt(hi - lo);
      int h = shape.equals("cylinder") ? Math.min(size - 2, w + w / 2) : w;
      int x1 = 1 + rnd.nextInt(size - w - 1);
      int y1 = 1 + rnd.nextInt(size - h - 1);
      Shape s = new Shape(shape, colour, x1, y1, x1 + w, y1 + h);
      if (shapes.stream().anyMatch(o -> overlaps(o, s))) {
        continue;
      }
      shapes.add(s);
      used.add(name);
    }
    return shapes.size() >= 2 ? shapes : List.of();
  }

  private static boolean overlaps(Shape a, Shape b) {
    return a.x1() < b.x2() + 2 && b.x1() < a.x2() + 2 && a.y1() < b.y2() + 2 && b.y1() < a.y2() + 2;
  }

  private byte[] png(List<Shape> shapes) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setColor(new Color(235, 235, 235));
      g.fillRect(0, 0, size, size);
      for (Shape s : shapes) {
        g.setColor(RGB[s.colour()]);
        int w = s.x2() - s.x1();
        int h = s.y2() - s.y1();
        switch (s.shape()) {
          case "sphere" -> g.fillOval(s.x1(), s.y1(), w, h);
          case "cylinder" -> g.fillRoundRect(s.x1(), s.y1(), w, h, w / 2, w / 2);
          default -> g.fillRect(s.x1(), s.y1(), w, h);
        }
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode toy image", e);
    }
    return out.toByteArray();
  }

  private static <T> void shuffle(List<T> list, SplittableRandom rnd) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
