package spatialthinker.eval.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spatialthinker.clients.ImagePart;
import spatialthinker.core.answer.Choices;
import spatialthinker.eval.benchmark.Benchmark;
import spatialthinker.eval.benchmark.ColumnMapping;

/**
 * A benchmark's local parquet data (one file, or a directory of shards), read with DuckDB in a
 * fixed order (file name, then row). Opening it checks every column the benchmark maps, reads all
 * items without their images and normalises their answers; {@link #stream} then yields the items
 * with images, one at a time, so memory stays bounded whatever the data set's size.
 */
public final class BenchmarkData implements AutoCloseable {

  // Named so as not to clash with a data set's own "filename" column (CV-Bench has one).
  private static final String FILE_COLUMN = "__spatialthinker_file";
  private static final Pattern FILTER_COLUMN = Pattern.compile("^\\s*\"?(\\w+)\"?\\s*=");

  private final Benchmark benchmark;
  private final Path root;
  private final List<Path> files;
  private final Connection conn;
  private final Map<String, String> types;
  private final String from;
  private final List<ItemMeta> items;
  private final List<BadRow> badRows;
  private final ItemMeta[] byRow;
  private final ImageColumns images;
  private List<String> presentFields = List.of();
  private String hash;

  private BenchmarkData(Benchmark benchmark, Path root, List<Path> files) {
    this.benchmark = benchmark;
    this.root = root;
    this.files = files;
    this.conn = connect();
    try {
      StringBuilder list = new StringBuilder("[");
      for (Path f : files) {
        list.append(list.length() > 1 ? ", " : "").append(sqlString(f.toString()));
      }
      list.append(']');
      String scan =
          "read_parquet("
              + list
              + ", filename = '"
              + FILE_COLUMN
              + "', file_row_number = true, union_by_name = true)";
      this.types = describe(scan);
      check();
      this.images = new ImageColumns(benchmark.columns().images(), types, root);
      String where = filter().map(f -> " WHERE " + f).orElse("");
      this.from = scan + where + " ORDER BY " + FILE_COLUMN + ", file_row_number";
      List<BadRow> bad = new ArrayList<>();
      List<ItemMeta> good = new ArrayList<>();
      long rows = readCatalog(good, bad);
      this.items = List.copyOf(good);
      this.badRows = List.copyOf(bad);
      this.byRow = new ItemMeta[Math.toIntExact(rows)];
      good.forEach(m -> byRow[(int) m.index()] = m);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Opens a benchmark's data: the file, or the files under the directory that the benchmark's globs
   * select.
   *
   * @throws BenchmarkDataException when the data is missing, a mapped column is missing or
   *     mistyped, or an answer names no option
   */
  public static BenchmarkData open(Benchmark benchmark, Path data) {
    return new BenchmarkData(benchmark, data, DataFiles.resolve(benchmark, data));
  }

  /** The benchmark this data belongs to. */
  public Benchmark benchmark() {
    return benchmark;
  }

  /** The parquet files read, in order. */
  public List<Path> files() {
    return files;
  }

  /** Every item that can be scored, without images, in the fixed order. */
  public List<ItemMeta> items() {
    return items;
  }

  /** The rows that cannot be scored, with the reasons, in the fixed order. */
  public List<BadRow> badRows() {
    return badRows;
  }

  /** Rows read, bad ones included; item indexes run from 0 to this number. */
  public long rowCount() {
    return byRow.length;
  }

  /** SHA-256 over the files' names (relative to the data path) and bytes. */
  public synchronized String dataHash() {
    if (hash == null) {
      hash = hashFiles(root, files);
    }
    return hash;
  }

  /**
   * Streams the items whose index {@code wanted} accepts, with their images, in order, stopping
   * after index {@code limit - 1}. Items whose images cannot be read go to {@code broken} with the
   * reason. Runs on the calling thread; the sink may block to apply back-pressure.
   */
  public void stream(
      long limit,
      LongPredicate wanted,
      Consumer<EvalItem> sink,
      BiConsumer<ItemMeta, String> broken) {
    String sql =
        "SELECT " + String.join(", ", images.selects()) + ", " + FILE_COLUMN + " FROM " + from;
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      long index = 0;
      while (index < limit && rs.next()) {
        ItemMeta meta = byRow[(int) index];
        index++;
        if (meta == null || !wanted.test(meta.index())) {
          continue;
        }
        List<ImagePart> pictures;
        try {
          pictures = images.read(rs, Path.of(rs.getString(FILE_COLUMN)));
        } catch (RuntimeException e) {
          broken.accept(
              meta, "cannot read the images of item " + meta.index() + ": " + e.getMessage());
          continue;
        }
        if (pictures.isEmpty()) {
          broken.accept(meta, "item " + meta.index() + " has no image");
          continue;
        }
        sink.accept(new EvalItem(meta, pictures));
      }
    } catch (SQLException e) {
      throw new BenchmarkDataException(
          describeData() + ": cannot read images: " + firstLine(e.getMessage()), e);
    }
  }

  /** The benchmark's row filter; its column must exist, or the wrong rows would be scored. */
  private Optional<String> filter() {
    if (benchmark.rowFilter().isEmpty()) {
      return Optional.empty();
    }
    Matcher m = FILTER_COLUMN.matcher(benchmark.rowFilter().get());
    if (!m.find()) {
      throw new IllegalStateException(
          benchmark.name() + ": row filter names no column: " + benchmark.rowFilter().get());
    }
    if (!types.containsKey(m.group(1))) {
      throw new BenchmarkDataException(
          describeData()
              + ": keeps only the rows where "
              + benchmark.rowFilter().get()
              + ", but there is no column '"
              + m.group(1)
              + "' (columns found: "
              + String.join(", ", types.keySet())
              + ")");
    }
    return benchmark.rowFilter();
  }

  private Map<String, String> describe(String scan) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan)) {
      while (rs.next()) {
        String col = rs.getString(1);
        if (!col.equals(FILE_COLUMN) && !col.equals("file_row_number")) {
          out.put(col, rs.getString(2).replace("\"", ""));
        }
      }
    } catch (SQLException e) {
      throw new BenchmarkDataException(
          describeData() + ": not readable as parquet: " + firstLine(e.getMessage()), e);
    }
    return out;
  }

  /** Checks that every mapped column exists with a usable type; one line naming all problems. */
  private void check() {
    ColumnMapping c = benchmark.columns();
    List<String> missing = new ArrayList<>();
    List<String> mistyped = new ArrayList<>();
    for (String img : c.images()) {
      require(
          img,
          missing,
          mistyped,
          ColumnTypes::isImage,
          "an HF Image struct, image list, BLOB or path");
    }
    c.question().ifPresent(q -> require(q, missing, mistyped, ColumnTypes::isText, "VARCHAR"));
    require(
        c.answer(),
        missing,
        mistyped,
        t -> ColumnTypes.isText(t) || ColumnTypes.isInteger(t),
        "VARCHAR or an integer");
    c.choices()
        .ifPresent(
            ch ->
                require(
                    ch,
                    missing,
                    mistyped,
                    t -> t.equals("VARCHAR[]") || ColumnTypes.isText(t),
                    "VARCHAR[] or VARCHAR"));
    c.groundTruthScene()
        .ifPresent(g -> require(g, missing, mistyped, ColumnTypes::isText, "VARCHAR"));
    for (Optional<String> any : List.of(c.task(), c.source(), c.id())) {
      any.ifPresent(a -> require(a, missing, mistyped, t -> !t.startsWith("STRUCT"), "a scalar"));
    }
    if (!missing.isEmpty() || !mistyped.isEmpty()) {
      List<String> parts = new ArrayList<>();
      if (!missing.isEmpty()) {
        parts.add(
            "missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
      }
      parts.addAll(mistyped);
      throw new BenchmarkDataException(
          describeData()
              + ": "
              + String.join("; ", parts)
              + " (columns found: "
              + String.join(", ", types.keySet())
              + ")");
    }
  }

  private void require(
      String col,
      List<String> missing,
      List<String> mistyped,
      java.util.function.Predicate<String> ok,
      String expected) {
    String t = types.get(col);
    if (t == null) {
      missing.add("'" + col + "'");
    } else if (!ok.test(t)) {
      mistyped.add("column '" + col + "' is " + t + ", expected " + expected);
    }
  }

  /** Reads every row without images; good rows go to {@code good}, the others to {@code bad}. */
  private long readCatalog(List<ItemMeta> good, List<BadRow> bad) {
    ColumnMapping c = benchmark.columns();
    List<String> sel = new ArrayList<>();
    sel.add(c.question().map(q -> "CAST(" + ident(q) + " AS VARCHAR)").orElse("''") + " AS q");
    sel.add("CAST(" + ident(c.answer()) + " AS VARCHAR) AS ans");
    sel.add(c.choices().map(BenchmarkData::ident).orElse("NULL") + " AS ch");
    sel.add(text(c.task()) + " AS task");
    sel.add(text(c.source()) + " AS src");
    sel.add(text(c.id()) + " AS id");
    sel.add(text(c.groundTruthScene()) + " AS gt");
    sel.add(images.presence() + " AS has_image");
    List<String> fields = c.fields().stream().filter(types::containsKey).toList();
    for (int i = 0; i < fields.size(); i++) {
      sel.add("CAST(" + ident(fields.get(i)) + " AS VARCHAR) AS field_" + i);
    }
    this.presentFields = fields;
    sel.add(FILE_COLUMN);
    boolean indexAnswers = ColumnTypes.isInteger(types.get(c.answer()));
    long index = 0;
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + String.join(", ", sel) + " FROM " + from)) {
      while (rs.next()) {
        String id = Optional.ofNullable(rs.getString("id")).orElse(String.valueOf(index));
        try {
          good.add(meta(rs, index, id, indexAnswers));
        } catch (AnswerKeys.Invalid e) {
          bad.add(new BadRow(index, id, rs.getString(FILE_COLUMN), e.getMessage()));
        }
        index++;
      }
    } catch (SQLException e) {
      throw new BenchmarkDataException(describeData() + ": " + firstLine(e.getMessage()), e);
    }
    if (index == 0) {
      throw new BenchmarkDataException(describeData() + ": no rows");
    }
    return index;
  }

  private ItemMeta meta(ResultSet rs, long index, String id, boolean indexAnswers)
      throws SQLException {
    String question = Optional.ofNullable(rs.getString("q")).orElse("");
    String raw = Optional.ofNullable(rs.getString("ans")).orElse("");
    String task = Optional.ofNullable(rs.getString("task")).orElse(benchmark.singleTask());
    Optional<String> source = Optional.ofNullable(rs.getString("src"));
    Optional<String> gt = Optional.ofNullable(rs.getString("gt")).filter(s -> !s.isBlank());
    if (rs.getObject("ans") == null) {
      throw new AnswerKeys.Invalid("has no answer");
    }
    Choices choices;
    String answer;
    switch (benchmark.answerStyle()) {
      case CHOICES_COLUMN -> {
        choices = choices(rs);
        answer = AnswerKeys.letter(raw, choices, indexAnswers);
      }
      case YES_NO_FLAG -> {
        choices = Choices.YES_NO;
        answer = AnswerKeys.yesNoFlag(raw);
      }
      case CHOICES_IN_QUESTION -> {
        AnswerKeys.Key key = AnswerKeys.fromQuestion(question, raw);
        choices = key.choices();
        answer = key.answer();
      }
      default -> throw new IllegalStateException(benchmark.answerStyle().toString());
    }
    if (!rs.getBoolean("has_image")) {
      throw new AnswerKeys.Invalid("has no image in " + benchmark.columns().images());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < presentFields.size(); i++) {
      String v = rs.getString("field_" + i);
      if (v != null) {
        fields.put(presentFields.get(i), v);
      }
    }
    return new ItemMeta(index, id, task, source, question, choices, answer, raw, gt, fields);
  }

  private static Choices choices(ResultSet rs) throws SQLException {
    Object v = rs.getObject("ch");
    if (v instanceof Array a) {
      List<String> out = new ArrayList<>();
      for (Object o : (Object[]) a.getArray()) {
        out.add(o == null ? "" : o.toString());
      }
      return AnswerKeys.options(out, false);
    } else if (v instanceof String s) {
      return AnswerKeys.options(s, false);
    }
    throw new AnswerKeys.Invalid("has no options");
  }

  private static String text(Optional<String> column) {
    return column.map(c -> "CAST(" + ident(c) + " AS VARCHAR)").orElse("NULL");
  }

  static String ident(String column) {
    return "\"" + column.replace("\"", "\"\"") + "\"";
  }

  public static String sqlString(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private String describeData() {
    return root + " (" + benchmark.name() + ")";
  }

  /**
   * The line of a DuckDB message that says what went wrong: its JDBC driver puts a generic
   * "unsuccessful or closed pending query result" first and the cause on an {@code Error:} line.
   */
  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    for (String line : s.split("\n")) {
      if (line.startsWith("Error: ")) {
        return line.substring("Error: ".length()).strip();
      }
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private static Connection connect() {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      Properties p = new Properties();
      p.setProperty("jdbc_stream_results", "true");
      Connection c = DriverManager.getConnection("jdbc:duckdb:", p);
      try (Statement st = c.createStatement()) {
        // Parquet is built in; never reach for the network to fetch an extension.
        st.execute("SET autoinstall_known_extensions = false");
        st.execute("SET autoload_known_extensions = false");
      }
      return c;
    } catch (ClassNotFoundException | SQLException e) {
      throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
    }
  }

  private static String hashFiles(Path root, List<Path> files) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      Path base = Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
      byte[] buf = new byte[1 << 16];
      for (Path f : files) {
        md.update(base.relativize(f.toAbsolutePath()).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        try (InputStream in = Files.newInputStream(f)) {
          for (int n = in.read(buf); n > 0; n = in.read(buf)) {
            md.update(buf, 0, n);
          }
        }
      }
      return "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new BenchmarkDataException("cannot hash " + root + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void closeQuietly() {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // closing after a failure; the first error is the one to report
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
