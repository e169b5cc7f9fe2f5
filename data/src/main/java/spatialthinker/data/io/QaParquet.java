package spatialthinker.data.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spatialthinker.data.MalformedRowException;
import spatialthinker.data.QaRow;

/**
 * The QA data set as parquet, written and read with DuckDB: the STVQA-7K columns ({@code images} a
 * Hugging Face Image struct {@code {bytes, path}}, {@code options} a list of strings, {@code
 * rating} a 32-bit integer, the rest strings), then ours; the file's key-value metadata holds the
 * {@code huggingface} features so that {@code datasets} reads {@code images} as an Image feature.
 */
public final class QaParquet {

  /** Column names in file order. */
  public static final List<String> COLUMNS =
      List.of(
          "image_id",
          "images",
          "problem",
          "question_only",
          "question_with_options",
          "options",
          "answer",
          "answer_only",
          "answer_text",
          "answer_text_only",
          "answer_option_text",
          "answer_option_text_only",
          "category",
          "level",
          "rating",
          "source",
          "split",
          "scene_id",
          "teacher_response",
          "problem_reasoning",
          "qa_id");

  private static final Pattern SIZE = Pattern.compile("Image size: \\((\\d+) x (\\d+)\\)");
  private static final String SEP = "\u001f";

  private QaParquet() {}

  /** The {@code huggingface} metadata value: the features of every column. */
  public static String huggingFaceMetadata() {
    StringBuilder b = new StringBuilder("{\"info\": {\"features\": {");
    for (int i = 0; i < COLUMNS.size(); i++) {
      String c = COLUMNS.get(i);
      String feature =
          switch (c) {
            case "images" -> "{\"_type\": \"Image\"}";
            case "options" ->
                "{\"feature\": {\"dtype\": \"string\", \"_type\": \"Value\"}, \"_type\": \"Sequence\"}";
            case "rating" -> "{\"dtype\": \"int32\", \"_type\": \"Value\"}";
            default -> "{\"dtype\": \"string\", \"_type\": \"Value\"}";
          };
      b.append(i == 0 ? "" : ", ").append('"').append(c).append("\": ").append(feature);
    }
    return b.append("}}}").toString();
  }

  /** An in-memory DuckDB that never downloads extensions. */
  public static Connection open() {
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = c.createStatement()) {
        s.execute("SET autoinstall_known_extensions=false");
        s.execute("SET autoload_known_extensions=false");
        s.execute("SET threads=1");
      }
      return c;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * Writes rows to a parquet file, replacing it atomically.
   *
   * @param rows the rows, in file order
   * @param imageBytes the encoded image of a row
   * @param out the parquet file
   */
  public static void write(List<QaRow> rows, Function<QaRow, byte[]> imageBytes, Path out) {
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (Connection c = open()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE qa(ord INTEGER, image_id VARCHAR, img BLOB, img_path VARCHAR,"
                + " problem VARCHAR, question_only VARCHAR, question_with_options VARCHAR,"
                + " options VARCHAR, answer VARCHAR, answer_only VARCHAR, answer_text VARCHAR,"
                + " answer_text_only VARCHAR, answer_option_text VARCHAR,"
                + " answer_option_text_only VARCHAR, category VARCHAR, level VARCHAR,"
                + " rating INTEGER, source VARCHAR, split VARCHAR, scene_id VARCHAR,"
                + " teacher_response VARCHAR, problem_reasoning VARCHAR, qa_id VARCHAR)");
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO qa VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                  + " ?, ?)")) {
        int ord = 0;
        for (QaRow r : rows) {
          int k = 1;
          p.setInt(k++, ord++);
          p.setString(k++, r.imageId());
          p.setBytes(k++, imageBytes.apply(r));
          p.setString(k++, r.imageName());
          p.setString(k++, r.problem());
          p.setString(k++, r.questionOnly());
          p.setString(k++, r.questionWithOptions());
          p.setString(k++, String.join(SEP, r.options()));
          p.setString(k++, r.answer());
          p.setString(k++, r.answerOnly());
          p.setString(k++, r.answerText());
          p.setString(k++, r.answerTextOnly());
          p.setString(k++, r.answerOptionText());
          p.setString(k++, r.answerOptionTextOnly());
          p.setString(k++, r.category());
          p.setString(k++, r.level());
          p.setInt(k++, r.rating());
          p.setString(k++, r.source());
          p.setString(k++, r.split());
          p.setString(k++, r.sceneId());
          p.setString(k++, r.teacherResponse());
          p.setString(k++, r.problemReasoning());
          p.setString(k, r.qaId());
          p.addBatch();
          if (ord % 256 == 0) {
            p.executeBatch();
          }
        }
        p.executeBatch();
      }
      Files.deleteIfExists(tmp);
      try (Statement s = c.createStatement()) {
        s.execute(
            "COPY (SELECT image_id, {'bytes': img, 'path': img_path} AS images, problem,"
                + " question_only, question_with_options, string_split(options, chr(31)) AS options,"
                + " answer, answer_only, answer_text, answer_text_only, answer_option_text,"
                + " answer_option_text_only, category, level, rating, source, split, scene_id,"
                + " teacher_response, problem_reasoning, qa_id FROM qa ORDER BY ord) TO "
                + literal(tmp.toString())
                + " (FORMAT parquet, KV_METADATA {huggingface: "
                + literal(huggingFaceMetadata())
                + "})");
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every row (without image bytes); {@code imageFile} of each row is its {@code
   * images.path}.
   *
   * @throws MalformedRowException naming the row and column when a row is not valid
   */
  public static List<QaRow> read(Path file) {
    requireFile(file);
    List<QaRow> out = new ArrayList<>();
    try (Connection c = open();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT image_id, images.path, problem, question_only, question_with_options,"
                    + " options, answer, answer_only, answer_text, answer_text_only,"
                    + " answer_option_text, answer_option_text_only, category, level, rating,"
                    + " source, split, scene_id, teacher_response, problem_reasoning, qa_id"
                    + " FROM read_parquet(?)")) {
      p.setString(1, file.toString());
      try (ResultSet rs = p.executeQuery()) {
        int row = 0;
        while (rs.next()) {
          String where = file + " row " + row++;
          out.add(row(rs, where));
        }
      }
    } catch (SQLException e) {
      throw new MalformedRowException(
          file + " is not a QA data set (" + firstLine(e.getMessage()) + ")");
    }
    return out;
  }

  private static QaRow row(ResultSet rs, String where) throws SQLException {
    String problem = rs.getString(3);
    Matcher m = SIZE.matcher(problem == null ? "" : problem);
    if (!m.find()) {
      throw new MalformedRowException(where + ": problem has no 'Image size: (W x H)'");
    }
    Array arr = rs.getArray(6);
    if (arr == null) {
      throw new MalformedRowException(where + ": options is null");
    }
    List<String> options = new ArrayList<>();
    for (Object o : (Object[]) arr.getArray()) {
      options.add(String.valueOf(o));
    }
    try {
      String imagePath = rs.getString(2);
      return new QaRow(
          rs.getString(21),
          rs.getString(1),
          imagePath == null ? "" : imagePath,
          imagePath == null ? "" : imagePath,
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          problem,
          rs.getString(4),
          rs.getString(5),
          options,
          rs.getString(7),
          rs.getString(8),
          rs.getString(9),
          rs.getString(10),
          rs.getString(11),
          rs.getString(12),
          rs.getString(13),
          rs.getString(14),
          rs.getInt(15),
          rs.getString(16),
          rs.getString(17),
          rs.getString(18),
          rs.getString(19),
          rs.getString(20));
    } catch (RuntimeException e) {
      throw new MalformedRowException(where + ": " + e.getMessage());
    }
  }

  /**
   * Writes each distinct image of the file once into {@code dir}; returns image id to file.
   *
   * @throws UncheckedIOException when files cannot be written
   */
  public static Map<String, Path> extractImages(Path file, Path dir) {
    requireFile(file);
    Map<String, Path> out = new LinkedHashMap<>();
    try (Connection c = open();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT image_id, any_value(images.bytes) FROM read_parquet(?) GROUP BY image_id"
                    + " ORDER BY image_id")) {
      Files.createDirectories(dir);
      p.setString(1, file.toString());
      try (ResultSet rs = p.executeQuery()) {
        int i = 0;
        while (rs.next()) {
          byte[] bytes = rs.getBytes(2);
          if (bytes == null) {
            throw new MalformedRowException(file + ": image " + rs.getString(1) + " has no bytes");
          }
          Path f = dir.resolve(String.format("%06d.img", i++));
          Files.write(f, bytes);
          out.put(rs.getString(1), f);
        }
      }
    } catch (SQLException e) {
      throw new MalformedRowException(
          file + ": cannot read images (" + firstLine(e.getMessage()) + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write images to " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Copies the rows whose {@code qa_id} is kept into a new parquet file, metadata included. */
  public static void copyKept(Path in, List<String> keptIds, Path out) {
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (Connection c = open()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept(qa_id VARCHAR, ord INTEGER)");
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO kept VALUES (?, ?)")) {
        int i = 0;
        for (String id : keptIds) {
          p.setString(1, id);
          p.setInt(2, i++);
          p.addBatch();
        }
        p.executeBatch();
      }
      Files.deleteIfExists(tmp);
      try (Statement s = c.createStatement()) {
        s.execute(
            "COPY (SELECT "
                + String.join(", ", COLUMNS.stream().map(col -> "q." + col).toList())
                + " FROM read_parquet("
                + literal(in.toString())
                + ") q JOIN kept k USING (qa_id) ORDER BY k.ord) TO "
                + literal(tmp.toString())
                + " (FORMAT parquet, KV_METADATA {huggingface: "
                + literal(huggingFaceMetadata())
                + "})");
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String firstLine(String s) {
    return s == null ? "" : Arrays.stream(s.split("\\R")).findFirst().orElse("");
  }
}
