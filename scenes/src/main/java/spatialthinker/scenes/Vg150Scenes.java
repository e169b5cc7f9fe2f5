package spatialthinker.scenes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Visual Genome scene graphs in the VG150 parquet layout the paper's data came from: columns {@code
 * image_id}, {@code image} (the Hugging Face Image struct {@code {bytes, path}}), and {@code
 * objects} and {@code relationships} as JSON strings in the scene-graph shape of {@code <scene>}.
 * Yields scenes with 2D truth only. Read with DuckDB, streaming, in file order.
 *
 * <p>Each row is checked ({@link Vg150Rows}); a row that fails is skipped and reported with its
 * 0-based row number and the reason. A file without the expected columns is an error.
 */
public final class Vg150Scenes implements SceneSource {

  private static final List<String> COLUMNS =
      List.of("image_id", "image", "objects", "relationships");

  private final Path file;

  private Vg150Scenes(Path file) {
    this.file = file;
  }

  /**
   * The VG150 scenes of a parquet file.
   *
   * @throws IllegalArgumentException when the file is missing or lacks a column of the layout
   */
  public static Vg150Scenes open(Path parquet) {
    if (!Files.isRegularFile(parquet)) {
      throw new IllegalArgumentException(parquet + ": no such file");
    }
    Vg150Scenes s = new Vg150Scenes(parquet);
    s.checkColumns();
    return s;
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public Stream<Scene> scenes(Consumer<? super SkippedScene> onSkip) {
    Connection conn = connect();
    try {
      Statement st = conn.createStatement();
      // Without ORDER BY (which would buffer every image) DuckDB keeps file order, as
      // preserve_insertion_order is on by default.
      ResultSet rs =
          st.executeQuery(
              "SELECT file_row_number, CAST(image_id AS VARCHAR), image.bytes, image.path,"
                  + " objects, relationships FROM "
                  + scan());
      Vg150Rows rows = new Vg150Rows();
      Spliterator<Scene> split =
          new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super Scene> action) {
              try {
                while (rs.next()) {
                  long row = rs.getLong(1);
                  Optional<Scene> scene =
                      rows.read(
                          rs.getString(2),
                          bytes(rs.getBlob(3)),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getString(6),
                          reason -> onSkip.accept(new SkippedScene(name(), "row " + row, reason)));
                  if (scene.isPresent()) {
                    action.accept(scene.get());
                    return true;
                  }
                }
                return false;
              } catch (SQLException e) {
                throw new IllegalStateException("cannot read " + name() + ": " + e.getMessage(), e);
              }
            }
          };
      return StreamSupport.stream(split, false).onClose(() -> close(conn));
    } catch (SQLException e) {
      close(conn);
      throw new IllegalArgumentException("cannot read " + name() + ": " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(Blob blob) throws SQLException {
    if (blob == null) {
      return new byte[0];
    }
    long n = blob.length();
    return n == 0 ? new byte[0] : blob.getBytes(1, (int) n);
  }

  private String scan() {
    return "read_parquet('" + file.toString().replace("'", "''") + "', file_row_number = true)";
  }

  private void checkColumns() {
    Connection conn = connect();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan())) {
      Map<String, String> types = new HashMap<>();
      while (rs.next()) {
        types.put(rs.getString(1), rs.getString(2));
      }
      List<String> missing = COLUMNS.stream().filter(c -> !types.containsKey(c)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            name() + ": no column " + missing + " (VG150 needs " + COLUMNS + ")");
      }
      for (String c : List.of("objects", "relationships")) {
        if (!types.get(c).equals("VARCHAR")) {
          throw new IllegalArgumentException(
              name()
                  + ": column '"
                  + c
                  + "' is "
                  + types.get(c)
                  + ", expected JSON text (VARCHAR)");
        }
      }
      String image = types.get("image");
      if (!image.startsWith("STRUCT")
          || !image.contains("bytes BLOB")
          || !image.contains("path VARCHAR")) {
        throw new IllegalArgumentException(
            name()
                + ": column 'image' is "
                + image
                + ", expected STRUCT(bytes BLOB, path VARCHAR)");
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          name() + " is not a readable parquet file: " + e.getMessage(), e);
    } finally {
      close(conn);
    }
  }

  private Connection connect() {
    try {
      Properties p = new Properties();
      p.setProperty("jdbc_stream_results", "true");
      Connection conn = DriverManager.getConnection("jdbc:duckdb:", p);
      try (Statement st = conn.createStatement()) {
        // Never reach for the network: parquet support is built into the driver.
        st.execute("SET autoinstall_known_extensions=false");
      }
      return conn;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
    }
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close DuckDB: " + e.getMessage(), e);
    }
  }
}
