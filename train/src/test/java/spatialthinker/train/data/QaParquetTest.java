package spatialthinker.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.train.model.ImagePatches;
import spatialthinker.train.toy.ToySpatialData;

class QaParquetTest {

  @TempDir Path dir;

  @Test
  void readsToyParquetWithEveryColumnTrainingNeeds() {
    Path file = dir.resolve("toy.parquet");
    new ToySpatialData(64).write(file, 50, 0.2, 3);
    List<QaExample> rows = QaParquet.read(file);
    assertThat(rows).hasSize(50);
    assertThat(rows.stream().filter(QaExample::isTrain)).hasSize(40);
    QaExample e = rows.get(0);
    assertThat(e.problem()).contains("Image size: (64 x 64)");
    assertThat(e.groundTruth()).startsWith("<scene>{").contains("</scene>\n<answer>(");
    assertThat(e.teacherResponse()).get().asString().startsWith("<observe>");
    assertThat(e.options()).isNotEmpty();
    assertThat(ImagePatches.decode(e.image(), "images").getWidth()).isEqualTo(64);
    assertThat(rows.stream().map(QaExample::category).distinct()).contains("relation", "size");
  }

  @Test
  void readsImagesStoredAsAListOfStructs() throws Exception {
    Path file = dir.resolve("toy.parquet");
    new ToySpatialData(64).write(file, 10, 0.2, 3);
    Path listed = dir.resolve("listed.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "COPY (SELECT * REPLACE ([images] AS images) FROM read_parquet('"
              + file
              + "')) TO '"
              + listed
              + "' (FORMAT parquet)");
    }
    List<QaExample> rows = QaParquet.read(listed);
    assertThat(rows).hasSize(10);
    assertThat(rows.get(3).image()).isEqualTo(QaParquet.read(file).get(3).image());
  }

  @Test
  void readsASplitDirectoryWithoutASplitColumn() throws Exception {
    Path file = dir.resolve("toy.parquet");
    new ToySpatialData(64).write(file, 20, 0.25, 3);
    Path split = dir.resolve("qa");
    java.nio.file.Files.createDirectories(split);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String s : List.of("train", "val")) {
        st.execute(
            "COPY (SELECT * EXCLUDE (split) FROM read_parquet('"
                + file
                + "') WHERE split = '"
                + s
                + "') TO '"
                + split.resolve(s + "-00000-of-00001.parquet")
                + "' (FORMAT parquet)");
      }
    }
    List<QaExample> rows = QaParquet.read(split);
    assertThat(rows).hasSize(20);
    assertThat(rows.stream().filter(QaExample::isTrain)).hasSize(15);
    assertThat(rows.subList(15, 20)).noneMatch(QaExample::isTrain);
    assertThat(QaParquet.hash(split)).hasSize(64).isNotEqualTo(QaParquet.hash(file));
  }

  @Test
  void namesTheMissingColumn() throws Exception {
    Path file = dir.resolve("bad.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "COPY (SELECT 'x' AS image_id, 'p' AS problem) TO '" + file + "' (FORMAT parquet)");
    }
    assertThatThrownBy(() -> QaParquet.read(file))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("missing column");
  }

  @Test
  void dataCursorReplaysTheSameOrderFromAnyPoint() {
    DataCursor.Next a = DataCursor.START.next(7, 10, 9);
    DataCursor.Next b = a.cursor().next(7, 10, 9);
    DataCursor.Next both = DataCursor.START.next(14, 10, 9);
    int[] joined = new int[14];
    System.arraycopy(a.indices(), 0, joined, 0, 7);
    System.arraycopy(b.indices(), 0, joined, 7, 7);
    assertThat(joined).containsExactly(both.indices());
    assertThat(both.cursor()).isEqualTo(new DataCursor(1, 4));
  }
}
