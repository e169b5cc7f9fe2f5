package spatialthinker.data.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import spatialthinker.clients.ImagePart;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.ObjectIds;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;
import spatialthinker.core.parse.SceneJson;
import spatialthinker.scenes.Scene;
import spatialthinker.scenes.SceneImage;
import spatialthinker.scenes.SceneSource;
import spatialthinker.scenes.SkippedScene;

/**
 * VG150 scene graphs from a parquet file in the layout of the SpatialThinker source data: {@code
 * image_id}, {@code image} (a Hugging Face Image struct {@code {bytes, path}}), {@code objects} and
 * {@code relationships} (JSON text or lists: {@code [{"id": "man.1", "bbox": [x1, y1, x2, y2]}]},
 * {@code [{"subject", "predicate", "object"}]}). Boxes are clipped to the image; objects whose box
 * is empty after clipping are dropped with their relations. Rows that cannot be read are reported
 * as skipped with their 0-based row number. Read lazily, one row at a time.
 *
 * <p>The scenes module is to get its own VG150 reader; this one serves {@code data vg150} until
 * then.
 */
public final class Vg150Parquet implements SceneSource {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;

  private Vg150Parquet(Path file) {
    this.file = file;
  }

  /**
   * The scenes of a VG150 parquet file.
   *
   * @throws IllegalArgumentException when the file does not exist
   */
  public static Vg150Parquet open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--input " + file + ": no such file");
    }
    return new Vg150Parquet(file);
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public Stream<Scene> scenes(Consumer<? super SkippedScene> onSkip) {
    Connection c = QaParquet.open();
    ResultSet rs;
    try {
      PreparedStatement p =
          c.prepareStatement(
              "SELECT CAST(image_id AS VARCHAR), image.bytes, image.path, CAST(objects AS VARCHAR),"
                  + " CAST(relationships AS VARCHAR) FROM read_parquet(?)");
      p.setString(1, file.toString());
      rs = p.executeQuery();
    } catch (SQLException e) {
      close(c);
      throw new IllegalArgumentException(
          file
              + " is not a VG150 parquet file with image_id, image, objects, relationships ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
    Spliterator<Scene> split =
        new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
          private int row = -1;

          @Override
          public boolean tryAdvance(Consumer<? super Scene> action) {
            try {
              while (rs.next()) {
                row++;
                try {
                  action.accept(scene(rs));
                  return true;
                } catch (RuntimeException e) {
                  onSkip.accept(new SkippedScene(name(), "row " + row, e.getMessage()));
                }
              }
              return false;
            } catch (SQLException e) {
              throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
          }
        };
    return StreamSupport.stream(split, false).onClose(() -> close(c));
  }

  private static Scene scene(ResultSet rs) throws SQLException {
    String imageId = rs.getString(1);
    byte[] bytes = rs.getBytes(2);
    if (imageId == null || bytes == null) {
      throw new IllegalArgumentException("image_id or image.bytes is missing");
    }
    ImagePart img = ImagePart.of(bytes);
    int w = img.width();
    int h = img.height();
    String path = Optional.ofNullable(rs.getString(3)).orElse(imageId + ".jpg");
    List<SceneObject> objects = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode o : array(rs.getString(4), "objects")) {
      String id = o.path("id").asText("");
      Optional<Box> box = SceneJson.box(o.get("bbox"));
      if (!ObjectIds.isValid(id) || box.isEmpty() || ids.contains(id)) {
        continue;
      }
      Box b = box.get();
      Box clipped =
          new Box(
              Math.max(0, b.x1()), Math.max(0, b.y1()), Math.min(w, b.x2()), Math.min(h, b.y2()));
      if (clipped.isProper()) {
        objects.add(new SceneObject(id, clipped));
        ids.add(id);
      }
    }
    List<Relation> relations = new ArrayList<>();
    for (JsonNode r : array(rs.getString(5), "relationships")) {
      String s = r.path("subject").asText("");
      String o = r.path("object").asText("");
      if (ids.contains(s) && ids.contains(o) && r.hasNonNull("predicate")) {
        relations.add(new Relation(s, r.get("predicate").asText(), o));
      }
    }
    return new Scene(
        imageId,
        new SceneImage.Bytes(Path.of(path).getFileName().toString(), bytes),
        w,
        h,
        new SceneGraph(objects, relations),
        Optional.empty());
  }

  private static JsonNode array(String json, String field) {
    if (json == null) {
      return MAPPER.createArrayNode();
    }
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n != null && n.isTextual()) {
        n = MAPPER.readTree(n.textValue());
      }
      if (n == null || !n.isArray()) {
        throw new IllegalArgumentException(field + " is not a JSON list");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException(field + " is not JSON");
    }
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Nothing to do about a failed close of an in-memory database.
    }
  }
}
