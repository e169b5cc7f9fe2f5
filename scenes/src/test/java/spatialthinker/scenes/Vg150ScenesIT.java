package spatialthinker.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneObject;

/** The VG150 loader on a parquet file with the real layout, written by DuckDB with images. */
class Vg150ScenesIT {

  @TempDir static Path tmp;
  private static Path parquet;
  private static byte[] png;
  private static byte[] jpeg;

  private static final String GOOD_OBJECTS =
      "[{\"id\": \"cup.1\", \"bbox\": [4, 5, 30, 40]}, {\"id\": \"table.1\", \"bbox\": [0, 20, 64, 48]}]";
  private static final String GOOD_RELATIONS =
      "[{\"subject\": \"cup.1\", \"predicate\": \"on\", \"object\": \"table.1\"}]";

  @BeforeAll
  static void writeFixture() throws Exception {
    png = image(64, 48, "png");
    jpeg = image(80, 60, "jpg");
    parquet = tmp.resolve("vg150.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute(
          "CREATE TABLE vg (image_id BIGINT, image STRUCT(bytes BLOB, path VARCHAR),"
              + " objects VARCHAR, relationships VARCHAR)");
      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT INTO vg VALUES (?, struct_pack(bytes := ?::BLOB, path := ?), ?, ?)")) {
        row(ins, 100, png, GOOD_OBJECTS, GOOD_RELATIONS);
        row(ins, 101, png, "[{\"id\": \"cup.1\", ", "[]");
        row(ins, 102, png, "[{\"id\": \"cup.1\", \"bbox\": [30, 5, 4, 40]}]", "[]");
        row(ins, 103, null, GOOD_OBJECTS, GOOD_RELATIONS);
        row(
            ins,
            104,
            png,
            GOOD_OBJECTS,
            "[{\"subject\": \"cup.1\", \"predicate\": \"near\", \"object\": \"cup.9\"}]");
        row(ins, 105, png, "[{\"id\": \"dog.2\", \"bbox\": [50, 40, 70, 52.5]}]", "[]");
        row(ins, 106, new byte[] {1, 2, 3, 4}, GOOD_OBJECTS, GOOD_RELATIONS);
        row(ins, 107, jpeg, "[{\"id\": \"tree.1\", \"bbox\": [1.5, 2, 79, 59]}]", "[]");
        row(ins, 108, png, "[{\"id\": \"cup\", \"bbox\": [1, 2, 3, 4]}]", "[]");
      }
      st.execute("COPY vg TO '" + parquet + "' (FORMAT parquet)");
    }
  }

  private static void row(PreparedStatement ins, long id, byte[] img, String objs, String rels)
      throws SQLException {
    ins.setLong(1, id);
    ins.setBytes(2, img);
    ins.setString(3, img == null ? null : id + ".png");
    ins.setString(4, objs);
    ins.setString(5, rels);
    ins.execute();
  }

  private static byte[] image(int w, int h, String format) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 4, 0xFF0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, format, out);
    return out.toByteArray();
  }

  @Test
  void readsGoodRowsWithImagesAndTwoDimensionalTruth() {
    SceneSource.Loaded loaded = Vg150Scenes.open(parquet).loadAll();
    assertThat(loaded.scenes()).extracting(Scene::imageId).containsExactly("100", "105", "107");
    Scene first = loaded.scenes().get(0);
    assertThat(first.width()).isEqualTo(64);
    assertThat(first.height()).isEqualTo(48);
    assertThat(first.image().bytes()).isEqualTo(png);
    assertThat(first.image().path()).isEqualTo("100.png");
    assertThat(first.truth()).isEmpty();
    assertThat(first.graph().objects())
        .containsExactly(
            new SceneObject("cup.1", new Box(4, 5, 30, 40)),
            new SceneObject("table.1", new Box(0, 20, 64, 48)));
    assertThat(first.graph().relationships())
        .containsExactly(new Relation("cup.1", "on", "table.1"));
    // A box past the image edge is clipped to it.
    assertThat(loaded.scenes().get(1).graph().objects().get(0).bbox())
        .isEqualTo(new Box(50, 40, 64, 48));
    assertThat(loaded.scenes().get(2).width()).isEqualTo(80);
    assertThat(loaded.scenes().get(2).image().bytes()).isEqualTo(jpeg);
  }

  @Test
  void reportsEveryMalformedRowByNumberAndReason() {
    SceneSource.Loaded loaded = Vg150Scenes.open(parquet).loadAll();
    assertThat(loaded.skipped())
        .extracting(SkippedScene::position)
        .containsExactly("row 1", "row 2", "row 3", "row 4", "row 6", "row 8");
    List<String> messages = loaded.skipped().stream().map(SkippedScene::toString).toList();
    assertThat(messages.get(0)).startsWith(parquet + " row 1: objects is not JSON");
    assertThat(messages.get(1)).contains("row 2: objects[0].bbox must have x1 < x2 and y1 < y2");
    assertThat(messages.get(2)).contains("row 3: image has no bytes");
    assertThat(messages.get(3))
        .contains("row 4: relationships[0].object 'cup.9' is not an object of this row");
    assertThat(messages.get(4)).contains("row 6: image bytes are not a PNG or JPEG image");
    assertThat(messages.get(5)).contains("row 8: objects[0].id must look like name.N");
  }

  @Test
  void rejectsFileWithoutTheLayoutNamingTheColumn() throws Exception {
    Path other = tmp.resolve("other.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "COPY (SELECT 1 AS image_id, 'x' AS image, '[]' AS objects) TO '"
              + other
              + "' (FORMAT parquet)");
    }
    assertThatThrownBy(() -> Vg150Scenes.open(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("relationships");
    assertThatThrownBy(() -> Vg150Scenes.open(tmp.resolve("missing.parquet")))
        .hasMessageContaining("no such file");
  }
}
