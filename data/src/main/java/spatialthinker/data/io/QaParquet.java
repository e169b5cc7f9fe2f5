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
import spatialthinker.core.qa.QaColumns;
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
  public static final List<String> COLUMNS = QaColumns.ALL;

  private static final Pattern SIZE = Pattern.compile("Image size: \\((\\d+) x (\\d+)\\)");
  private static final String SEP = "\u001f";

  private QaParquet() {}

  /** The {@code huggingface} metadata value with one Image per row. */
  public static String huggingFaceMetadata() {
    return huggingFaceMetadata(QaOutput.Images.SINGLE);
  }

  /** The {@code huggingface} metadata value: the features of every column. */
  public static String huggingFaceMetadata(QaOutput.Images images) {
    StringBuilder b = new StringBuilder("{\"info\": {\"features\": {");
    for (int i = 0; i < COLUMNS.size(); i++) {
      String c = COLUMNS.get(i);
      String feature =
          switch (c) {
            case "images" ->
                images == QaOutput.Images.LIST
                    ? "{\"feature\": {\"_type\": \"Image\"}, \"_type\": \"Sequence\"}"
                    : "{\"_type\": \"Image\"}";
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
   * Writes rows to a parquet file with one Image per row, or to split files when {@code out} is a
   * directory (its name does not end with {@code .parquet}).
   */
  public static List<Path> write(List<QaRow> rows, Function<QaRow, byte[]> imageBytes, Path out) {
    return write(rows, imageBytes, QaOutput.of(out));
  }

  /**
   * Writes rows as {@code out} says: one parquet file (replaced atomically), or Hugging Face split
   * files in a directory (each replaced atomically; split files of an earlier run that this one
   * does not write are removed; any other file in the directory is an error, since EasyR1 takes the
   * file type of a directory from its first entry).
   *
   * @param rows the rows, in file order
   * @param imageBytes the encoded image of a row
   * @param out where and how
   * @return the files written, in name order
   */
  public static List<Path> write(
      List<QaRow> rows, Function<QaRow, byte[]> imageBytes, QaOutput out) {
    Path target = out.path().toAbsolutePath().normalize();
    try (Connection c = open()) {
      long[] sizes = load(c, rows, imageBytes);
      if (!out.splitFiles()) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        copy(c, "TRUE", out.images(), tmp);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return List.of(target);
      }
      Files.createDirectories(target);
      List<Path> stale = splitFilesIn(target);
      Map<String, Path> written = new LinkedHashMap<>();
      for (String split : List.of(QaRow.TRAIN, QaRow.VAL)) {
        List<int[]> shards = shards(rows, sizes, split, out.maxShardBytes());
        for (int k = 0; k < shards.size(); k++) {
          String name = String.format("%s-%05d-of-%05d.parquet", split, k, shards.size());
          Path file = target.resolve(name);
          Path tmp = target.resolveSibling("." + target.getFileName() + "." + name + ".tmp");
          Files.deleteIfExists(tmp);
          int[] range = shards.get(k);
          copy(
              c,
              "split = " + literal(split) + " AND ord BETWEEN " + range[0] + " AND " + range[1],
              out.images(),
              tmp);
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          written.put(name, file);
        }
      }
      for (Path old : stale) {
        if (!written.containsKey(old.getFileName().toString())) {
          Files.deleteIfExists(old);
        }
      }
      return List.copyOf(written.values());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static final Pattern SPLIT_FILE =
      Pattern.compile("(?:train|val)-\\d{5}-of-\\d{5}\\.parquet");

  // The split files already in a directory; anything else there is an error.
  private static List<Path> splitFilesIn(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (var list = Files.list(dir)) {
      for (Path p : list.sorted().toList()) {
        if (!SPLIT_FILE.matcher(p.getFileName().toString()).matches()) {
          throw new IllegalArgumentException(
              "--out "
                  + dir
                  + " holds "
                  + p.getFileName()
                  + "; a split directory must hold only train-*/val-* parquet files (EasyR1"
                  + " reads the file type of its first entry): choose an empty or new directory");
        }
        out.add(p);
      }
    }
    return out;
  }

  // Row ranges [first ord, last ord] of a split's shards, each at most maxBytes unless one row is.
  private static List<int[]> shards(List<QaRow> rows, long[] sizes, String split, long maxBytes) {
    List<int[]> out = new ArrayList<>();
    int first = -1;
    int last = -1;
    long bytes = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (!rows.get(i).split().equals(split)) {
        continue;
      }
      if (first >= 0 && bytes + sizes[i] > maxBytes) {
        out.add(new int[] {first, last});
        first = -1;
        bytes = 0;
      }
      if (first < 0) {
        first = i;
      }
      last = i;
      bytes += sizes[i];
    }
    if (first >= 0) {
      out.add(new int[] {first, last});
    }
    return out;
  }

  // Loads the rows into table qa; returns each row's size in bytes (image and text).
  private static long[] load(Connection c, List<QaRow> rows, Function<QaRow, byte[]> imageBytes)
      throws SQLException {
    long[] sizes = new long[rows.size()];
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
        byte[] img = imageBytes.apply(r);
        String[] text = {
          r.imageId(),
          r.imageName(),
          r.problem(),
          r.questionOnly(),
          r.questionWithOptions(),
          String.join(SEP, r.options()),
          r.answer(),
          r.answerOnly(),
          r.answerText(),
          r.answerTextOnly(),
          r.answerOptionText(),
          r.answerOptionTextOnly(),
          r.category(),
          r.level(),
          r.source(),
          r.split(),
          r.sceneId(),
          r.teacherResponse(),
          r.problemReasoning(),
          r.qaId()
        };
        long size = img.length;
        for (String t : text) {
          size += t.length();
        }
        sizes[ord] = size;
        int k = 1;
        p.setInt(k++, ord++);
        p.setString(k++, r.imageId());
        p.setBytes(k++, img);
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
    return sizes;
  }

  private static void copy(Connection c, String where, QaOutput.Images images, Path file)
      throws SQLException {
    String image = "{'bytes': img, 'path': img_path}";
    try (Statement s = c.createStatement()) {
      s.execute(
          "COPY (SELECT image_id, "
              + (images == QaOutput.Images.LIST ? "[" + image + "]" : image)
              + " AS images, problem,"
              + " question_only, question_with_options, string_split(options, chr(31)) AS options,"
              + " answer, answer_only, answer_text, answer_text_only, answer_option_text,"
              + " answer_option_text_only, category, level, rating, source, split, scene_id,"
              + " teacher_response, problem_reasoning, qa_id FROM qa WHERE "
              + where
              + " ORDER BY ord) TO "
              + literal(file.toString())
              + " (FORMAT parquet, KV_METADATA {huggingface: "
              + literal(huggingFaceMetadata(images))
              + "})");
    }
  }

  /**
   * The parquet files of a data set: the file itself, or the {@code .parquet} files of a split
   * directory in name order (train before val).
   *
   * @throws IllegalArgumentException when there is no such file, or the directory holds none
   */
  public static List<Path> files(Path fileOrDir) {
    if (Files.isRegularFile(fileOrDir)) {
      return List.of(fileOrDir.toAbsolutePath());
    }
    if (!Files.isDirectory(fileOrDir)) {
      throw new IllegalArgumentException(fileOrDir + ": no such file or directory");
    }
    try (var list = Files.list(fileOrDir)) {
      List<Path> out =
          list.filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .filter(Files::isRegularFile)
              .map(Path::toAbsolutePath)
              .sorted()
              .toList();
      if (out.isEmpty()) {
        throw new IllegalArgumentException(fileOrDir + ": no .parquet files in the directory");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + fileOrDir + ": " + e.getMessage(), e);
    }
  }

  /** A DuckDB table expression over a data set's files, in file and row order. */
  static String scan(List<Path> files) {
    StringBuilder b = new StringBuilder("read_parquet([");
    for (int i = 0; i < files.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(literal(files.get(i).toString()));
    }
    return b.append("], filename = true, file_row_number = true, union_by_name = true)").toString();
  }

  /**
   * Reads every row (without image bytes) of a file or split directory; {@code imageFile} of each
   * row is its {@code images.path}. {@code images} may be one Image or a list (the first is used).
   *
   * @throws MalformedRowException naming the row and column when a row is not valid
   */
  public static List<QaRow> read(Path fileOrDir) {
    List<Path> files = files(fileOrDir);
    List<QaRow> out = new ArrayList<>();
    try (Connection c = open();
        Statement st = c.createStatement()) {
      String src = scan(files);
      String image = imageField(st, src, "path");
      try (ResultSet rs =
          st.executeQuery(
              "SELECT "
                  + image
                  + " AS image_path, * FROM "
                  + src
                  + " ORDER BY filename, file_row_number")) {
        while (rs.next()) {
          String where = rs.getString("filename") + " row " + rs.getLong("file_row_number");
          out.add(row(rs, where));
        }
      }
    } catch (SQLException e) {
      throw new MalformedRowException(
          fileOrDir + " is not a QA data set (" + firstLine(e.getMessage()) + ")");
    }
    return out;
  }

  /**
   * A row as training reads it: every column it needs, by name, with the image bytes.
   *
   * @param imageId {@code image_id}
   * @param image the encoded image: {@code images.bytes}, the first of a list, or raw bytes
   * @param problem {@code problem}
   * @param options {@code options}, empty when the file has no such column
   * @param answerOptionText {@code answer_option_text}, the reward's ground truth
   * @param category {@code category}
   * @param split {@code split}, or in a split directory without that column the file name's prefix
   *     ({@code train}, {@code val})
   * @param teacherResponse {@code teacher_response}, when present and not blank
   */
  public record TrainingRow(
      String imageId,
      byte[] image,
      String problem,
      List<String> options,
      String answerOptionText,
      String category,
      String split,
      java.util.Optional<String> teacherResponse) {}

  /** Columns a training row needs; {@code options} and {@code teacher_response} are optional. */
  public static final List<String> TRAINING_COLUMNS =
      List.of("image_id", "images", "problem", "answer_option_text", "category", "split");

  /**
   * Reads the rows training needs, with image bytes, from a file or split directory in file and row
   * order. Takes STVQA-7K's own files as well as ours: {@code images} one Image, a list of them
   * (the first is used) or raw bytes; {@code split} may be absent in a split directory.
   *
   * @throws MalformedRowException naming the file and the missing column or the row
   */
  public static List<TrainingRow> readTraining(Path fileOrDir) {
    List<Path> files = files(fileOrDir);
    try (Connection c = open();
        Statement st = c.createStatement()) {
      String src = scan(files);
      Map<String, String> types = new LinkedHashMap<>();
      try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + src)) {
        while (rs.next()) {
          types.put(rs.getString("column_name"), rs.getString("column_type"));
        }
      }
      boolean dir = Files.isDirectory(fileOrDir);
      for (String col : TRAINING_COLUMNS) {
        if (!types.containsKey(col) && !(col.equals("split") && dir)) {
          throw new MalformedRowException(fileOrDir + ": missing column " + col);
        }
      }
      String imageType = types.get("images").toUpperCase(java.util.Locale.ROOT);
      String image =
          imageType.endsWith("[]")
              ? "images[1].bytes"
              : imageType.startsWith("STRUCT") ? "images.bytes" : "images";
      String split =
          types.containsKey("split")
              ? "CAST(split AS VARCHAR)"
              : "regexp_extract(parse_filename(filename), '^([A-Za-z]+)-', 1)";
      String sql =
          "SELECT CAST(image_id AS VARCHAR) AS image_id, "
              + image
              + " AS image, problem, "
              + (types.containsKey("options") ? "options" : "NULL::VARCHAR[]")
              + " AS options, answer_option_text, CAST(category AS VARCHAR) AS category, "
              + split
              + " AS split, "
              + (types.containsKey("teacher_response") ? "teacher_response" : "NULL::VARCHAR")
              + " AS teacher_response, filename, file_row_number FROM "
              + src
              + " ORDER BY filename, file_row_number";
      List<TrainingRow> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          String where = rs.getString("filename") + " row " + rs.getLong("file_row_number") + ": ";
          byte[] bytes = rs.getBytes(rs.findColumn("image"));
          if (bytes == null || bytes.length == 0) {
            throw new MalformedRowException(where + "images has no bytes");
          }
          List<String> options = new ArrayList<>();
          Array arr = rs.getArray("options");
          if (arr != null) {
            for (Object o : (Object[]) arr.getArray()) {
              options.add(String.valueOf(o));
            }
          }
          out.add(
              new TrainingRow(
                  required(rs.getString("image_id"), where + "image_id"),
                  bytes,
                  required(rs.getString("problem"), where + "problem"),
                  options,
                  required(rs.getString("answer_option_text"), where + "answer_option_text"),
                  required(rs.getString("category"), where + "category"),
                  required(rs.getString("split"), where + "split"),
                  java.util.Optional.ofNullable(rs.getString("teacher_response"))
                      .filter(t -> !t.isBlank())));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new MalformedRowException(
          fileOrDir + ": cannot read parquet: " + firstLine(e.getMessage()));
    }
  }

  private static String required(String v, String what) {
    if (v == null) {
      throw new MalformedRowException(what + " is null");
    }
    return v;
  }

  // images.FIELD, or images[1].FIELD when images is a list.
  static String imageField(Statement st, String src, String field) throws SQLException {
    try (ResultSet rs = st.executeQuery("DESCRIBE SELECT images FROM " + src)) {
      if (rs.next() && rs.getString("column_type").endsWith("[]")) {
        return "images[1]." + field;
      }
    }
    return "images." + field;
  }

  private static QaRow row(ResultSet rs, String where) throws SQLException {
    String problem = rs.getString("problem");
    Matcher m = SIZE.matcher(problem == null ? "" : problem);
    if (!m.find()) {
      throw new MalformedRowException(where + ": problem has no 'Image size: (W x H)'");
    }
    Array arr = rs.getArray("options");
    if (arr == null) {
      throw new MalformedRowException(where + ": options is null");
    }
    List<String> options = new ArrayList<>();
    for (Object o : (Object[]) arr.getArray()) {
      options.add(String.valueOf(o));
    }
    try {
      String imagePath = rs.getString("image_path");
      return new QaRow(
          rs.getString("qa_id"),
          rs.getString("image_id"),
          imagePath == null ? "" : imagePath,
          imagePath == null ? "" : imagePath,
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          problem,
          rs.getString("question_only"),
          rs.getString("question_with_options"),
          options,
          rs.getString("answer"),
          rs.getString("answer_only"),
          rs.getString("answer_text"),
          rs.getString("answer_text_only"),
          rs.getString("answer_option_text"),
          rs.getString("answer_option_text_only"),
          rs.getString("category"),
          rs.getString("level"),
          rs.getInt("rating"),
          rs.getString("source"),
          rs.getString("split"),
          rs.getString("scene_id"),
          rs.getString("teacher_response"),
          rs.getString("problem_reasoning"));
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
    Map<String, Path> out = new LinkedHashMap<>();
    String src = scan(files(file));
    try (Connection c = open();
        Statement p = c.createStatement()) {
      Files.createDirectories(dir);
      String bytesField = imageField(p, src, "bytes");
      try (ResultSet rs =
          p.executeQuery(
              "SELECT image_id, any_value("
                  + bytesField
                  + ") FROM "
                  + src
                  + " GROUP BY image_id ORDER BY image_id")) {
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

  /**
   * Copies the rows whose {@code qa_id} is kept from a file or split directory into a new parquet
   * file, in the order given, with the {@code images} layout and metadata of the input.
   */
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
      String src = scan(files(in));
      try (Statement s = c.createStatement()) {
        QaOutput.Images images =
            imageField(s, src, "path").startsWith("images[")
                ? QaOutput.Images.LIST
                : QaOutput.Images.SINGLE;
        s.execute(
            "COPY (SELECT "
                + String.join(", ", COLUMNS.stream().map(col -> "q." + col).toList())
                + " FROM "
                + src
                + " q JOIN kept k USING (qa_id) ORDER BY k.ord) TO "
                + literal(tmp.toString())
                + " (FORMAT parquet, KV_METADATA {huggingface: "
                + literal(huggingFaceMetadata(images))
                + "})");
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String firstLine(String s) {
    return s == null ? "" : Arrays.stream(s.split("\\R")).findFirst().orElse("");
  }
}
