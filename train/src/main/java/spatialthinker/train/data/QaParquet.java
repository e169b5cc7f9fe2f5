package spatialthinker.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the QA parquet (DESIGN.md §3 columns) with DuckDB. Required: {@code image_id}, {@code
 * images} (an HF Image struct {@code {bytes, path}} or a list of them; the first is used), {@code
 * problem}, {@code answer_option_text}, {@code category}, {@code split}. Optional: {@code options}
 * (list of strings) and {@code teacher_response} (needed for SFT). This is the one place that knows
 * the file layout.
 */
public final class QaParquet {

  private static final List<String> REQUIRED =
      List.of("image_id", "images", "problem", "answer_option_text", "category", "split");

  private QaParquet() {}

  /** The parquet files of a file or split directory, in name order. */
  public static List<Path> files(Path data) {
    if (Files.isRegularFile(data)) {
      return List.of(data.toAbsolutePath());
    }
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException("--data " + data + ": no such file or directory");
    }
    try (var list = Files.list(data)) {
      List<Path> out =
          list.filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .map(Path::toAbsolutePath)
              .sorted()
              .toList();
      if (out.isEmpty()) {
        throw new IllegalArgumentException("--data " + data + ": no .parquet files in it");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + data, e);
    }
  }

  /**
   * Every row of a file or of a directory of split files ({@code train-*.parquet}, {@code
   * val-*.parquet}; without a {@code split} column a row's split is its file's name before the
   * first {@code -}), in file order.
   */
  public static List<QaExample> read(Path file) {
    List<Path> files = files(file);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      StringBuilder list = new StringBuilder("[");
      for (Path f : files) {
        list.append(list.length() > 1 ? ", " : "")
            .append('\'')
            .append(f.toString().replace("'", "''"))
            .append('\'');
      }
      String src =
          "read_parquet("
              + list
              + "], filename = true, file_row_number = true, union_by_name = true)";
      Map<String, String> types = columns(st, src, file);
      String split =
          types.containsKey("split")
              ? "CAST(split AS VARCHAR)"
              : "regexp_extract(parse_filename(filename), '^([A-Za-z]+)-', 1)";
      for (String col : REQUIRED) {
        if (!types.containsKey(col) && !(col.equals("split") && Files.isDirectory(file))) {
          throw new MalformedDataException(file + ": missing column " + col);
        }
      }
      String imageType = types.get("images").toUpperCase(Locale.ROOT);
      String imageExpr =
          imageType.endsWith("[]")
              ? "images[1].bytes"
              : imageType.startsWith("STRUCT") ? "images.bytes" : "images";
      String options = types.containsKey("options") ? "options" : "NULL::VARCHAR[]";
      String teacher = types.containsKey("teacher_response") ? "teacher_response" : "NULL::VARCHAR";
      String sql =
          "SELECT CAST(image_id AS VARCHAR), "
              + imageExpr
              + ", problem, "
              + options
              + ", answer_option_text, CAST(category AS VARCHAR), "
              + split
              + ", "
              + teacher
              + " FROM "
              + src
              + " ORDER BY filename, file_row_number";
      List<QaExample> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(sql)) {
        int row = 0;
        while (rs.next()) {
          out.add(row(rs, file, row++));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new MalformedDataException(file + ": cannot read parquet: " + e.getMessage(), e);
    }
  }

  private static QaExample row(ResultSet rs, Path file, int row) throws SQLException {
    String where = file + " row " + row + ": ";
    byte[] image = rs.getBytes(2);
    if (image == null || image.length == 0) {
      throw new MalformedDataException(where + "images has no bytes");
    }
    List<String> options = new ArrayList<>();
    Array arr = rs.getArray(4);
    if (arr != null) {
      for (Object o : (Object[]) arr.getArray()) {
        options.add(String.valueOf(o));
      }
    }
    String problem = required(rs.getString(3), where + "problem");
    String truth = required(rs.getString(5), where + "answer_option_text");
    return new QaExample(
        required(rs.getString(1), where + "image_id"),
        image,
        problem,
        options,
        truth,
        required(rs.getString(6), where + "category"),
        required(rs.getString(7), where + "split"),
        Optional.ofNullable(rs.getString(8)).filter(s -> !s.isBlank()));
  }

  private static String required(String v, String what) {
    if (v == null) {
      throw new MalformedDataException(what + " is null");
    }
    return v;
  }

  private static Map<String, String> columns(Statement st, String src, Path file)
      throws SQLException {
    Map<String, String> types = new TreeMap<>();
    try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + src)) {
      while (rs.next()) {
        types.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    if (types.isEmpty()) {
      throw new MalformedDataException(file + ": no columns");
    }
    return types;
  }

  /**
   * SHA-256 of the file's bytes, for provenance; of a split directory, of its parquet files' names
   * and bytes in name order.
   */
  public static String hash(Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      List<Path> files = Files.isDirectory(file) ? files(file) : List.of(file);
      for (Path f : files) {
        if (files.size() > 1 || Files.isDirectory(file)) {
          md.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        hashInto(md, f);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void hashInto(MessageDigest md, Path file) throws IOException {
    {
      try (var in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
    }
  }
}
