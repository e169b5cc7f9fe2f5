package spatialthinker.eval.load;

import java.util.Set;

/** The DuckDB column types a benchmark column may have, by role. */
final class ColumnTypes {

  private static final Set<String> INTEGERS =
      Set.of(
          "TINYINT",
          "SMALLINT",
          "INTEGER",
          "BIGINT",
          "HUGEINT",
          "UTINYINT",
          "USMALLINT",
          "UINTEGER",
          "UBIGINT");

  private ColumnTypes() {}

  static boolean isText(String type) {
    return type.equals("VARCHAR");
  }

  static boolean isInteger(String type) {
    return INTEGERS.contains(type);
  }

  /** An HF Image struct {bytes, path}, a list of them, raw bytes, or a path (or lists of those). */
  static boolean isImage(String type) {
    String t = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
    return t.equals("BLOB")
        || t.equals("VARCHAR")
        || (t.startsWith("STRUCT") && (hasBytes(t) || hasPath(t)));
  }

  static boolean hasBytes(String structType) {
    return structType.startsWith("STRUCT") && structType.contains("bytes BLOB");
  }

  static boolean hasPath(String structType) {
    return structType.startsWith("STRUCT") && structType.contains("path VARCHAR");
  }
}
