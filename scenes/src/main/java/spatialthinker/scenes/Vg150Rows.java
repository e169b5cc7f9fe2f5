package spatialthinker.scenes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.ObjectIds;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;

/**
 * Checks one VG150 row and turns it into a scene. A row is rejected when its image is missing or
 * not a PNG/JPEG, when {@code objects} or {@code relationships} is not a JSON array of the
 * scene-graph shape, when an id is not {@code name.N} or repeats, when a box is not four finite
 * numbers with {@code x1 < x2, y1 < y2}, or lies wholly outside the image, or when a relation names
 * an id that is not among the row's objects. Boxes that reach past the image edge are clipped to it
 * (Visual Genome has many that overrun by a pixel or two).
 */
final class Vg150Rows {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The scene of a row, or empty after telling {@code reject} why not. */
  Optional<Scene> read(
      String imageId,
      byte[] image,
      String imagePath,
      String objects,
      String relationships,
      Consumer<String> reject) {
    try {
      return Optional.of(scene(imageId, image, imagePath, objects, relationships));
    } catch (MalformedSceneException e) {
      reject.accept(e.getMessage());
      return Optional.empty();
    }
  }

  private Scene scene(
      String imageId, byte[] image, String imagePath, String objects, String relationships) {
    if (imageId == null || imageId.isBlank()) {
      throw new MalformedSceneException("image_id is missing");
    }
    if (image.length == 0) {
      throw new MalformedSceneException("image has no bytes");
    }
    int[] size = imageSize(image);
    int w = size[0];
    int h = size[1];
    List<SceneObject> objs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonNode objArray = array(objects, "objects");
    for (int i = 0; i < objArray.size(); i++) {
      Fields o = element(objArray, i, "objects");
      String id = o.text("id");
      if (!ObjectIds.isValid(id)) {
        throw o.error("id", "must look like name.N, got '" + id + "'");
      }
      if (!ids.add(id)) {
        throw o.error("id", "'" + id + "' is repeated");
      }
      Box b = o.box("bbox");
      if (!b.isProper()) {
        throw o.error("bbox", "must have x1 < x2 and y1 < y2, got " + List.of(b.toArray()));
      }
      Box clipped =
          new Box(
              Math.max(0, b.x1()), Math.max(0, b.y1()), Math.min(w, b.x2()), Math.min(h, b.y2()));
      if (!clipped.isProper()) {
        throw o.error("bbox", "lies outside the " + w + "x" + h + " image");
      }
      objs.add(new SceneObject(id, clipped));
    }
    List<Relation> rels = new ArrayList<>();
    JsonNode relArray = array(relationships, "relationships");
    for (int i = 0; i < relArray.size(); i++) {
      Fields r = element(relArray, i, "relationships");
      String subject = r.text("subject");
      String predicate = r.text("predicate");
      String object = r.text("object");
      if (predicate.isBlank()) {
        throw r.error("predicate", "is empty");
      }
      for (String[] end : new String[][] {{"subject", subject}, {"object", object}}) {
        if (!ids.contains(end[1])) {
          throw r.error(end[0], "'" + end[1] + "' is not an object of this row");
        }
      }
      rels.add(new Relation(subject, predicate, object));
    }
    String path = imagePath == null || imagePath.isBlank() ? imageId : imagePath;
    return new Scene(
        imageId,
        new SceneImage.Bytes(path, image),
        w,
        h,
        new SceneGraph(objs, rels),
        Optional.empty());
  }

  private static JsonNode array(String json, String column) {
    if (json == null) {
      throw new MalformedSceneException(column + " is missing");
    }
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedSceneException(column + " is not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isArray()) {
      throw new MalformedSceneException(column + " must be a JSON array");
    }
    return n;
  }

  private static Fields element(JsonNode array, int i, String column) {
    JsonNode e = array.get(i);
    if (!e.isObject()) {
      throw new MalformedSceneException(column + "[" + i + "] must be an object");
    }
    return Fields.at(e, column + "[" + i + "]");
  }

  // Width and height from the image header, without decoding the pixels.
  private static int[] imageSize(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new MalformedSceneException("image bytes are not a PNG or JPEG image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof MalformedSceneException m) {
        throw m;
      }
      throw new MalformedSceneException("image bytes cannot be read: " + e.getMessage());
    }
  }
}
