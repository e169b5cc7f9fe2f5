package spatialthinker.scenes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.ObjectIds;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;

/**
 * One rendered scene per line of {@code scenes.jsonl}: writes lines with a fixed field order (so
 * equal scenes give equal bytes) and reads them back with every field checked. {@code
 * docs/formats.md} documents each field.
 */
public final class ScenesJsonl {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private ScenesJsonl() {}

  /** The JSON line of a rendered scene, without the newline. */
  public static String toLine(Scene scene) {
    SceneTruth truth =
        scene
            .truth()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "scene " + scene.imageId() + " has no 3D truth; only rendered scenes"));
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("image_id", scene.imageId());
      g.writeStringField("image", scene.image().path());
      g.writeNumberField("width", scene.width());
      g.writeNumberField("height", scene.height());
      g.writeNumberField("seed", truth.seed());
      g.writeObjectFieldStart("camera");
      vector(g, "position", truth.camera().position());
      vector(g, "look_at", truth.camera().lookAt());
      g.writeFieldName("fov");
      number(g, truth.camera().fov());
      g.writeEndObject();
      g.writeArrayFieldStart("objects");
      for (int i = 0; i < truth.objects().size(); i++) {
        object(g, scene.graph().objects().get(i).bbox(), truth.objects().get(i));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("hidden");
      for (HiddenObject h : truth.hidden()) {
        g.writeStartObject();
        g.writeStringField("shape", h.shape().word());
        g.writeStringField("color", h.color().word());
        g.writeStringField("material", h.material().word());
        g.writeStringField("size", h.size().word());
        g.writeFieldName("visible_fraction");
        number(g, h.visibleFraction());
        g.writeNumberField("pixels", h.pixels());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("relationships");
      for (Relation r : scene.graph().relationships()) {
        g.writeStartObject();
        g.writeStringField("subject", r.subject());
        g.writeStringField("predicate", r.predicate());
        g.writeStringField("object", r.object());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void object(JsonGenerator g, Box box, ObjectTruth o) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", o.id());
    g.writeArrayFieldStart("bbox");
    for (double v : box.toArray()) {
      number(g, v);
    }
    g.writeEndArray();
    g.writeStringField("shape", o.shape().word());
    g.writeStringField("color", o.color().word());
    g.writeStringField("material", o.material().word());
    g.writeStringField("size", o.size().word());
    vector(g, "position", o.position());
    g.writeFieldName("depth");
    number(g, o.depth());
    vector(g, "dimensions", o.dimensions());
    g.writeFieldName("yaw");
    number(g, o.yaw());
    g.writeFieldName("visible_fraction");
    number(g, o.visibleFraction());
    if (o.supportedBy().isPresent()) {
      g.writeStringField("supported_by", o.supportedBy().get());
    } else {
      g.writeNullField("supported_by");
    }
    g.writeEndObject();
  }

  private static void vector(JsonGenerator g, String name, Vec3 v) throws IOException {
    g.writeArrayFieldStart(name);
    number(g, v.x());
    number(g, v.y());
    number(g, v.z());
    g.writeEndArray();
  }

  // Whole numbers without a fraction, so boxes and yaws read as integers.
  private static void number(JsonGenerator g, double v) throws IOException {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      g.writeNumber((long) v);
    } else {
      g.writeNumber(v);
    }
  }

  /**
   * Reads one line; {@code dir} is the directory the image path is relative to and {@code where}
   * (e.g. {@code scenes.jsonl line 3}) prefixes error messages.
   *
   * @throws MalformedSceneException naming the field when the line is not a valid scene
   */
  public static Scene parse(String line, Path dir, String where) {
    JsonNode root;
    try {
      root = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new MalformedSceneException(where + ": not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedSceneException(where + ": not a JSON object");
    }
    Fields f = Fields.of(root, where);
    try {
      String imageId = f.text("image_id");
      String image = f.text("image");
      Path file = dir.resolve(image).normalize();
      if (!file.startsWith(dir.normalize()) || Path.of(image).isAbsolute()) {
        throw new MalformedSceneException(where + ": image must be a path inside the directory");
      }
      int width = f.positiveInt("width");
      int height = f.positiveInt("height");
      long seed = f.integer("seed");
      Fields cam = f.object("camera");
      Camera camera = new Camera(cam.vector("position"), cam.vector("look_at"), cam.number("fov"));
      List<SceneObject> objects = new ArrayList<>();
      List<ObjectTruth> truths = new ArrayList<>();
      List<Fields> objs = f.objects("objects");
      for (Fields o : objs) {
        String id = o.text("id");
        if (!ObjectIds.isValid(id)) {
          throw o.error("id", "must look like name.N, got '" + id + "'");
        }
        objects.add(new SceneObject(id, o.box("bbox")));
        JsonNode sup = o.node("supported_by");
        Optional<String> supportedBy =
            sup.isNull() ? Optional.empty() : Optional.of(o.text("supported_by"));
        truths.add(
            new ObjectTruth(
                id,
                o.parse("shape", Kind::of),
                o.parse("color", Colour::of),
                o.parse("material", Material::of),
                o.parse("size", SizeClass::of),
                o.vector("position"),
                o.number("depth"),
                o.vector("dimensions"),
                o.number("yaw"),
                o.number("visible_fraction"),
                supportedBy));
      }
      List<HiddenObject> hidden = new ArrayList<>();
      // Absent in files written before hidden objects were recorded: none known.
      if (root.has("hidden")) {
        for (Fields h : f.objects("hidden")) {
          long pixels = h.integer("pixels");
          if (pixels < 0 || pixels > Integer.MAX_VALUE) {
            throw h.error("pixels", "must be a count, got " + pixels);
          }
          hidden.add(
              new HiddenObject(
                  h.parse("shape", Kind::of),
                  h.parse("color", Colour::of),
                  h.parse("material", Material::of),
                  h.parse("size", SizeClass::of),
                  h.number("visible_fraction"),
                  (int) pixels));
        }
      }
      List<Relation> relations = new ArrayList<>();
      for (Fields r : f.objects("relationships")) {
        relations.add(new Relation(r.text("subject"), r.text("predicate"), r.text("object")));
      }
      return new Scene(
          imageId,
          new SceneImage.File(image, file),
          width,
          height,
          new SceneGraph(objects, relations),
          Optional.of(new SceneTruth(seed, camera, truths, hidden)));
    } catch (IllegalArgumentException e) {
      throw new MalformedSceneException(where + ": " + e.getMessage(), e);
    }
  }
}
