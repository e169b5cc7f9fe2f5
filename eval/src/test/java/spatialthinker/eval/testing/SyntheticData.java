package spatialthinker.eval.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import spatialthinker.core.answer.Choices;
import spatialthinker.eval.load.BenchmarkData;
import spatialthinker.eval.run.PromptComposer;

/**
 * Writes small benchmark files in the Hub layouts of CV-Bench, BLINK and STVQA, with generated PNG
 * images and known answers: fixtures for tests, demos and throughput measurements. Every question
 * names its item as {@code [item N]} so a stand-in server can answer it.
 */
public final class SyntheticData {

  /**
   * An item written.
   *
   * @param answer the correct letter
   * @param sizes width and height of each image, in column order
   */
  public record Item(
      long index,
      String task,
      String source,
      String prompt,
      List<String> choices,
      String answer,
      List<int[]> sizes) {}

  private static final String[] SHAPES = {"cube", "sphere", "cylinder", "cone", "lamp", "chair"};
  private static final String[][] CV_TASKS = {
    {"Count", "2D", "COCO"}, {"Relation", "2D", "ADE20K"}, {"Depth", "3D", "Omni3D"},
    {"Distance", "3D", "Omni3D"}, {"Count", "2D", "ADE20K"}, {"Relation", "2D", "COCO"}
  };

  private SyntheticData() {}

  /** A CV-Bench-layout file ({@code test_2d.parquet} columns) with {@code n} items. */
  public static List<Item> writeCvBench(Path file, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Item> items = new ArrayList<>();
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE t (idx BIGINT, type VARCHAR, task VARCHAR, img BLOB, question VARCHAR,"
              + " choices VARCHAR[], answer VARCHAR, prompt VARCHAR, filename VARCHAR, source VARCHAR)");
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?::VARCHAR[], ?, ?, ?, ?)")) {
        for (int i = 0; i < n; i++) {
          String[] kind = CV_TASKS[i % CV_TASKS.length];
          List<String> options = options(kind[0], rnd);
          int correct = rnd.nextInt(options.size());
          int w = 96 + rnd.nextInt(64);
          int h = 64 + rnd.nextInt(48);
          String question = "[item " + i + "] " + question(kind[0], rnd);
          String prompt = question + "\n" + PromptComposer.optionLines(new Choices(options));
          ps.setLong(1, i);
          ps.setString(2, kind[1]);
          ps.setString(3, kind[0]);
          ps.setBytes(4, png(w, h, rnd.nextInt(1 << 24)));
          ps.setString(5, question);
          ps.setString(6, listLiteral(options));
          ps.setString(7, "(" + Choices.letter(correct) + ")");
          ps.setString(8, prompt);
          ps.setString(9, "img/" + kind[1] + "/" + kind[0].toLowerCase() + "/" + i + ".png");
          ps.setString(10, kind[2]);
          ps.addBatch();
          items.add(
              new Item(
                  i,
                  kind[0],
                  kind[2],
                  prompt,
                  options,
                  Choices.letter(correct),
                  List.of(new int[] {w, h})));
        }
        ps.executeBatch();
      }
      st.execute(
          "COPY (SELECT idx, type, task, {'bytes': img, 'path': filename} AS image, question, choices,"
              + " answer, prompt, filename, source FROM t ORDER BY idx) TO "
              + BenchmarkData.sqlString(file.toString())
              + " (FORMAT parquet)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return items;
  }

  /** A BLINK-layout file ({@code <Task>/val-*.parquet} columns) with {@code images} per item. */
  public static List<Item> writeBlink(Path file, String task, int images, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Item> items = new ArrayList<>();
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE t (idx VARCHAR, question VARCHAR, sub_task VARCHAR, i1 BLOB, i2 BLOB, i3 BLOB,"
              + " i4 BLOB, choices VARCHAR[], answer VARCHAR, prompt VARCHAR, explanation VARCHAR)");
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?::VARCHAR[], ?, ?, ?)")) {
        for (int i = 0; i < n; i++) {
          List<String> options = List.of("A is closer", "B is closer");
          int correct = rnd.nextInt(2);
          String question = "[item " + i + "] Which point is closer to the camera?";
          String prompt =
              question
                  + "\nSelect from the following choices.\n"
                  + PromptComposer.optionLines(new Choices(options));
          List<int[]> sizes = new ArrayList<>();
          ps.setString(1, "val_" + task + "_" + (i + 1));
          ps.setString(2, question);
          ps.setString(3, task.replace('_', ' '));
          for (int k = 0; k < 4; k++) {
            if (k < images) {
              int w = 80 + 16 * k + rnd.nextInt(16);
              int h = 60 + 8 * k + rnd.nextInt(16);
              sizes.add(new int[] {w, h});
              ps.setBytes(4 + k, png(w, h, rnd.nextInt(1 << 24)));
            } else {
              ps.setNull(4 + k, java.sql.Types.BLOB);
            }
          }
          ps.setString(8, listLiteral(options));
          ps.setString(9, "(" + Choices.letter(correct) + ")");
          ps.setString(10, prompt);
          ps.setString(11, "");
          ps.addBatch();
          items.add(new Item(i, task, "", prompt, options, Choices.letter(correct), sizes));
        }
        ps.executeBatch();
      }
      StringBuilder sel = new StringBuilder("SELECT idx, question, sub_task");
      for (int k = 1; k <= 4; k++) {
        sel.append(", CASE WHEN i")
            .append(k)
            .append(" IS NULL THEN NULL ELSE {'bytes': i")
            .append(k)
            .append(", 'path': NULL::VARCHAR} END AS image_")
            .append(k);
      }
      sel.append(", choices, answer, prompt, explanation FROM t ORDER BY rowid");
      st.execute(
          "COPY ("
              + sel
              + ") TO "
              + BenchmarkData.sqlString(file.toString())
              + " (FORMAT parquet)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return items;
  }

  /**
   * An STVQA-layout file (our data module's columns: images as a list of structs, the scene target
   * in {@code answer_option_text}); every item's truth has two objects.
   */
  public static List<Item> writeStvqa(Path file, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Item> items = new ArrayList<>();
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE t (image_id VARCHAR, img BLOB, problem VARCHAR, question_only VARCHAR,"
              + " question_with_options VARCHAR, options VARCHAR[], answer VARCHAR, answer_only VARCHAR,"
              + " answer_text VARCHAR, answer_option_text VARCHAR, category VARCHAR, level VARCHAR,"
              + " rating INTEGER, source VARCHAR, split VARCHAR, scene_id VARCHAR)");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?::VARCHAR[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < n; i++) {
          int w = 200;
          int h = 150;
          List<String> options = List.of("left of", "right of");
          int correct = rnd.nextInt(2);
          String scene = stvqaScene(correct);
          String q = "[item " + i + "] Is the cube left of or right of the sphere?";
          String qo = q + "\n" + PromptComposer.optionLines(new Choices(options));
          String letter = Choices.letter(correct);
          ps.setString(1, "synthetic-" + i);
          ps.setBytes(2, png(w, h, rnd.nextInt(1 << 24)));
          ps.setString(3, "Image size: (" + w + " x " + h + ")\n" + qo);
          ps.setString(4, q);
          ps.setString(5, qo);
          ps.setString(6, listLiteral(options));
          ps.setString(7, "<scene>" + scene + "</scene>\n<answer>" + letter + "</answer>");
          ps.setString(8, letter);
          ps.setString(9, options.get(correct));
          ps.setString(
              10,
              "<scene>"
                  + scene
                  + "</scene>\n<answer>("
                  + letter
                  + ") "
                  + options.get(correct)
                  + "</answer>");
          ps.setString(11, "relation");
          ps.setString(12, "easy");
          ps.setInt(13, 8);
          ps.setString(14, "synthetic");
          ps.setString(15, i % 5 == 4 ? "train" : "val");
          ps.setString(16, "scene-" + i);
          ps.addBatch();
          if (i % 5 != 4) {
            items.add(
                new Item(
                    items.size(), "relation", "", qo, options, letter, List.of(new int[] {w, h})));
          }
        }
        ps.executeBatch();
      }
      st.execute(
          "COPY (SELECT image_id, [{'bytes': img, 'path': NULL::VARCHAR}] AS images, problem,"
              + " question_only, question_with_options, options, answer, answer_only, answer_text,"
              + " answer_option_text, category, level, rating, source, split, scene_id FROM t ORDER BY"
              + " rowid) TO "
              + BenchmarkData.sqlString(file.toString())
              + " (FORMAT parquet)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return items;
  }

  /** The ground-truth scene of a synthetic STVQA item: a cube left or right of a sphere. */
  public static String stvqaScene(int correct) {
    String cube = correct == 0 ? "[20, 40, 70, 90]" : "[130, 40, 180, 90]";
    String sphere = correct == 0 ? "[120, 50, 170, 100]" : "[20, 50, 70, 100]";
    return "{\"objects\": [{\"id\": \"cube.1\", \"bbox\": "
        + cube
        + "}, {\"id\": \"sphere.1\", \"bbox\": "
        + sphere
        + "}], \"relationships\": [{\"subject\": \"cube.1\", \"predicate\": \""
        + (correct == 0 ? "left of" : "right of")
        + "\", \"object\": \"sphere.1\"}]}";
  }

  private static List<String> options(String task, SplittableRandom rnd) {
    return switch (task) {
      case "Count" -> List.of("0", "1", "2", "3");
      case "Relation" -> List.of("left", "right");
      default -> List.of(SHAPES[rnd.nextInt(3)], SHAPES[3 + rnd.nextInt(3)]);
    };
  }

  private static String question(String task, SplittableRandom rnd) {
    String a = SHAPES[rnd.nextInt(SHAPES.length)];
    return switch (task) {
      case "Count" -> "How many " + a + "s are in the image?";
      case "Relation" -> "Is the " + a + " to the left or to the right of the table?";
      case "Depth" -> "Which object is closer to the camera?";
      default -> "Which object is closer to the " + a + "?";
    };
  }

  private static String listLiteral(List<String> options) {
    StringBuilder b = new StringBuilder("[");
    for (String o : options) {
      b.append(b.length() > 1 ? ", " : "").append('"').append(o.replace("\"", "\\\"")).append('"');
    }
    return b.append(']').toString();
  }

  /** A small PNG: a solid colour with a white square. */
  public static byte[] png(int w, int h, int rgb) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(new Color(rgb));
      g.fillRect(0, 0, w, h);
      g.setColor(Color.WHITE);
      g.fillRect(w / 4, h / 4, w / 3, h / 3);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions = false");
    }
    return c;
  }
}
