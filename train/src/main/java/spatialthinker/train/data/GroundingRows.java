package spatialthinker.train.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spatialthinker.train.toy.ToySpatialData;

/**
 * Grounding rows from rendered scenes: the renderer's exact boxes as extra SFT targets, as a real
 * vision-language model is pre-trained on grounding before it answers spatial questions. Per scene,
 * one row asks where every object is (the response lists every object with its box, in id order)
 * and one row per object that its colour and shape (or its shape alone) name uniquely asks where
 * that object is (the response lists it alone). Responses are the compact teacher's {@code
 * <observe>} and {@code <scene>} without think or answer; the ground truth is the scene graph,
 * which also gives the vision pre-training loss every object of the scene.
 *
 * <p>Scenes whose image is an image of the val split are left out, so nothing of a held-out image
 * is trained on.
 */
public final class GroundingRows {

  /** The category of grounding rows (never a question category, never in the val split). */
  public static final String CATEGORY = "grounding";

  private static final ObjectMapper JSON = new ObjectMapper();

  private GroundingRows() {}

  /**
   * The grounding rows of the scenes in {@code dir} ({@code scenes.jsonl} and the images it names),
   * except scenes whose {@code image_id} is in {@code heldOut}.
   *
   * @throws MalformedDataException naming the file and line of a scene that cannot be read
   */
  public static List<QaExample> of(Path dir, Set<String> heldOut) {
    Path file = dir.resolve("scenes.jsonl");
    if (!Files.isRegularFile(file)) {
      throw new MalformedDataException("--grounding " + dir + ": no scenes.jsonl in it");
    }
    List<QaExample> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode scene;
        try {
          scene = JSON.readTree(line);
        } catch (IOException e) {
          throw new MalformedDataException(file + ":" + n + ": not JSON: " + e.getMessage());
        }
        String id = scene.path("image_id").asText("");
        if (id.isEmpty() || heldOut.contains(id)) {
          continue;
        }
        rows.addAll(ofScene(dir, file + ":" + n, scene));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return rows;
  }

  private static List<QaExample> ofScene(Path dir, String where, JsonNode scene) {
    String imageId = scene.path("image_id").asText();
    int w = scene.path("width").asInt(0);
    int h = scene.path("height").asInt(0);
    String rel = scene.path("image").asText("");
    if (w <= 0 || h <= 0 || rel.isEmpty()) {
      throw new MalformedDataException(where + ": scene lacks width, height or image");
    }
    byte[] image;
    try {
      image = Files.readAllBytes(dir.resolve(rel));
    } catch (IOException e) {
      throw new MalformedDataException(where + ": cannot read image " + dir.resolve(rel));
    }
    List<JsonNode> objects = new ArrayList<>();
    scene.path("objects").forEach(objects::add);
    objects.sort((a, b) -> a.path("id").asText().compareTo(b.path("id").asText()));
    if (objects.isEmpty()) {
      return List.of();
    }
    Map<String, Integer> shapes = new HashMap<>();
    Map<String, Integer> named = new HashMap<>();
    for (JsonNode o : objects) {
      shapes.merge(o.path("shape").asText(), 1, Integer::sum);
      named.merge(colourShape(o), 1, Integer::sum);
    }
    List<QaExample> rows = new ArrayList<>();
    rows.add(
        row(imageId, image, w, h, "Where is each object in the image?", objects, objects.size()));
    for (JsonNode o : objects) {
      String shape = o.path("shape").asText();
      String phrase =
          shapes.get(shape) == 1 ? shape : named.get(colourShape(o)) == 1 ? colourShape(o) : null;
      if (phrase != null && !shape.isEmpty()) {
        rows.add(
            row(imageId, image, w, h, "Where is the " + phrase + "?", List.of(o), objects.size()));
      }
    }
    return rows;
  }

  private static String colourShape(JsonNode o) {
    return (o.path("color").asText() + " " + o.path("shape").asText()).strip();
  }

  private static QaExample row(
      String imageId, byte[] image, int w, int h, String question, List<JsonNode> objs, int n) {
    StringBuilder scene = new StringBuilder("{\"objects\":[");
    for (int i = 0; i < objs.size(); i++) {
      JsonNode o = objs.get(i);
      JsonNode b = o.path("bbox");
      scene
          .append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"id\":\"%s\",\"bbox\":[%d,%d,%d,%d]}",
                  o.path("id").asText(),
                  b.path(0).asInt(),
                  b.path(1).asInt(),
                  b.path(2).asInt(),
                  b.path(3).asInt()));
    }
    scene.append("],\"relationships\":[]}");
    String problem =
        ToySpatialData.INSTRUCTION + "\n\nImage size: (" + w + " x " + h + ")\n\n" + question;
    String teacher = "<observe>\n" + n + " objects.\n</observe>\n<scene>\n" + scene + "\n</scene>";
    return new QaExample(
        imageId,
        image,
        problem,
        List.of(),
        "<scene>" + scene + "</scene>",
        CATEGORY,
        "train",
        Optional.of(teacher));
  }
}
