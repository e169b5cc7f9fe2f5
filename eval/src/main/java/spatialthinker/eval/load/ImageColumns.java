package spatialthinker.eval.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spatialthinker.clients.ImagePart;

/**
 * Reads a benchmark's image columns whatever their parquet type: an HF Image struct {@code {bytes,
 * path}}, a list of such structs, raw bytes, or a path (resolved as given, beside the parquet file,
 * or under the data directory).
 */
final class ImageColumns {

  private final List<String> columns;
  private final Map<String, String> types;
  private final Path root;

  ImageColumns(List<String> columns, Map<String, String> types, Path root) {
    this.columns = List.copyOf(columns);
    this.types = types;
    this.root = root;
  }

  private static String ident(String column) {
    return BenchmarkData.ident(column);
  }

  /** The SELECT expressions: a list of bytes and a list of paths per image column. */
  List<String> selects() {
    List<String> out = new ArrayList<>();
    List<String> cols = columns;
    for (int i = 0; i < cols.size(); i++) {
      String col = ident(cols.get(i));
      String t = types.get(cols.get(i));
      String bytes;
      String paths;
      if (t.endsWith("[]")) {
        String elem = t.substring(0, t.length() - 2);
        bytes =
            ColumnTypes.hasBytes(elem)
                ? "list_transform(" + col + ", x -> x.bytes)"
                : elem.equals("BLOB") ? col : "NULL";
        paths =
            ColumnTypes.hasPath(elem)
                ? "list_transform(" + col + ", x -> x.path)"
                : ColumnTypes.isText(elem) ? col : "NULL";
      } else if (t.startsWith("STRUCT")) {
        bytes = ColumnTypes.hasBytes(t) ? "[" + col + ".bytes]" : "NULL";
        paths = ColumnTypes.hasPath(t) ? "[" + col + ".path]" : "NULL";
      } else if (t.equals("BLOB")) {
        bytes = "[" + col + "]";
        paths = "NULL";
      } else {
        bytes = "NULL";
        paths = "[" + col + "]";
      }
      out.add(bytes + " AS img_bytes_" + i);
      out.add(paths + " AS img_paths_" + i);
    }
    return out;
  }

  /**
   * A SQL condition true when a row has at least one image cell that is not empty, so a row without
   * any image is found before the first request.
   */
  String presence() {
    List<String> any = new ArrayList<>();
    for (String name : columns) {
      String col = ident(name);
      String t = types.get(name);
      if (t.endsWith("[]")) {
        any.add("coalesce(len(" + col + "), 0) > 0");
      } else if (t.startsWith("STRUCT")) {
        List<String> parts = new ArrayList<>();
        if (ColumnTypes.hasBytes(t)) {
          parts.add("coalesce(octet_length(" + col + ".bytes), 0) > 0");
        }
        if (ColumnTypes.hasPath(t)) {
          parts.add("coalesce(" + col + ".path, '') <> ''");
        }
        any.add("(" + String.join(" OR ", parts) + ")");
      } else if (t.equals("BLOB")) {
        any.add("coalesce(octet_length(" + col + "), 0) > 0");
      } else {
        any.add("coalesce(CAST(" + col + " AS VARCHAR), '') <> ''");
      }
    }
    return "coalesce(" + String.join(" OR ", any) + ", false)";
  }

  /** The images of the current row, in column order, null cells skipped. */
  List<ImagePart> read(ResultSet rs, Path file) throws SQLException {
    List<ImagePart> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Object[] bytes = array(rs.getArray("img_bytes_" + i));
      Object[] paths = array(rs.getArray("img_paths_" + i));
      int n = Math.max(bytes.length, paths.length);
      for (int k = 0; k < n; k++) {
        Object b = k < bytes.length ? bytes[k] : null;
        Object p = k < paths.length ? paths[k] : null;
        if (b instanceof Blob blob && blob.length() > 0) {
          out.add(ImagePart.of(blob.getBytes(1, (int) blob.length())));
        } else if (p instanceof String path && !path.isBlank()) {
          out.add(ImagePart.of(readPath(path, file)));
        }
      }
    }
    return out;
  }

  private static Object[] array(Array a) throws SQLException {
    return a == null ? new Object[0] : (Object[]) a.getArray();
  }

  private byte[] readPath(String path, Path parquet) {
    Path base = Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
    for (Path candidate :
        List.of(
            Path.of(path),
            parquet.toAbsolutePath().getParent().resolve(path),
            base.resolve(path))) {
      if (Files.isRegularFile(candidate)) {
        try {
          return Files.readAllBytes(candidate);
        } catch (IOException e) {
          throw new BenchmarkDataException(
              "cannot read image " + candidate + ": " + e.getMessage(), e);
        }
      }
    }
    throw new BenchmarkDataException("image path '" + path + "' not found beside " + parquet);
  }
}
