package spatialthinker.train.toy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Writes toy rows with DuckDB in the QA data set's parquet layout. */
final class ToyParquetWriter {

  private ToyParquetWriter() {}

  static void write(Path file, List<ToyRow> rows) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute(
          "CREATE TABLE t (image_id VARCHAR, img BLOB, problem VARCHAR, question_only VARCHAR,"
              + " question_with_options VARCHAR, opts VARCHAR, answer VARCHAR, answer_only"
              + " VARCHAR, answer_text VARCHAR, answer_option_text VARCHAR, category VARCHAR,"
              + " level VARCHAR, rating INTEGER, split VARCHAR, scene_id VARCHAR,"
              + " teacher_response VARCHAR, ord INTEGER)");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int ord = 0;
        for (ToyRow r : rows) {
          ps.setString(1, r.imageId());
          ps.setBytes(2, r.png());
          ps.setString(3, r.problem());
          ps.setString(4, r.questionOnly());
          ps.setString(5, r.questionWithOptions());
          ps.setString(6, String.join("\u001f", r.options()));
          ps.setString(7, r.answer());
          ps.setString(8, r.answerOnly());
          ps.setString(9, r.answerText());
          ps.setString(10, r.answerOptionText());
          ps.setString(11, r.category());
          ps.setString(12, r.level());
          ps.setInt(13, r.rating());
          ps.setString(14, r.split());
          ps.setString(15, r.sceneId());
          ps.setString(16, r.teacherResponse());
          ps.setInt(17, ord++);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      String out = file.toAbsolutePath().toString().replace("'", "''");
      st.execute(
          "COPY (SELECT image_id, {'bytes': img, 'path': image_id || '.png'} AS images, problem,"
              + " question_only, question_with_options, string_split(opts, chr(31)) AS options,"
              + " answer, answer_only, answer_text, answer_option_text, category, level, rating,"
              + " 'synthetic' AS source, split, scene_id, teacher_response FROM t ORDER BY ord)"
              + " TO '"
              + out
              + "' (FORMAT parquet)");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot write toy parquet " + file + ": " + e.getMessage(), e);
    }
  }
}
