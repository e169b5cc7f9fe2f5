package spatialthinker.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.parse.Tag;
import spatialthinker.core.parse.TagContent;

/**
 * The boxes of a {@code <scene>} whose graph the parser rejects (a repeated id, a relation to a
 * missing object): every object with an id and four finite numbers is still drawn, so the report
 * shows where a model that got the format wrong was looking. Scoring never uses this.
 */
final class LooseBoxes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LooseBoxes() {}

  /** The drawable objects of a response's first {@code <scene>}; empty when there are none. */
  static List<Figure.Mark> of(String response) {
    List<Figure.Mark> out = new ArrayList<>();
    String scene = TagContent.find(Tag.SCENE, response).content().orElse("").strip();
    if (scene.isEmpty()) {
      return out;
    }
    JsonNode root;
    try {
      root = JSON.readTree(scene);
    } catch (IOException e) {
      return out;
    }
    for (JsonNode o : root.path("objects")) {
      JsonNode b = o.path("bbox");
      if (!b.isArray() || b.size() != 4) {
        continue;
      }
      double[] v = new double[4];
      boolean ok = true;
      for (int i = 0; i < 4; i++) {
        ok &= b.get(i).isNumber() && Double.isFinite(b.get(i).asDouble());
        v[i] = b.get(i).asDouble();
      }
      if (ok) {
        out.add(new Figure.Mark(o.path("id").asText("?"), Box.of(v), Figure.Kind.PREDICTED));
      }
    }
    return out;
  }
}
