package spatialthinker.reward;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.parse.PyText;
import spatialthinker.core.parse.SceneJson;
import spatialthinker.core.parse.Tag;
import spatialthinker.core.parse.TagContent;

/**
 * A ground truth {@code <scene>{json}</scene>\n<answer>(B) behind</answer>} read with the reference
 * reward's leniency: a missing or unreadable scene is an empty object, and the counts and objects
 * follow Python's {@code dict.get} and truthiness rules.
 *
 * @param answer the stripped first answer, or {@code ""}
 * @param objectCount the number of objects when {@code objects} is a list; empty otherwise (the
 *     reference count reward is then 0)
 * @param relationCount the length of {@code relationships or []}
 * @param objects the objects for the spatial term; empty when {@code objects or []} is not a list
 * @param relationsAreList whether {@code relationships or []} is a list (else spatial is 0)
 */
record GroundTruth(
    String answer,
    Optional<Integer> objectCount,
    int relationCount,
    Optional<List<LabeledBox>> objects,
    boolean relationsAreList) {

  /** A ground-truth object: its id (any string) and box in pixels. */
  record LabeledBox(String id, Box box) {}

  static GroundTruth read(String text, SceneJson json, int maxObjects) {
    String answer = TagContent.find(Tag.ANSWER, text).content().map(PyText::strip).orElse("");
    JsonNode root =
        TagContent.find(Tag.SCENE, text)
            .content()
            .flatMap(c -> json.readTree(PyText.strip(c)))
            .filter(JsonNode::isObject)
            .orElse(null);
    if (root == null) {
      return new GroundTruth(answer, Optional.empty(), 0, Optional.of(List.of()), true);
    }
    JsonNode objs = root.get("objects");
    Optional<Integer> objectCount =
        objs != null && objs.isArray() ? Optional.of(objs.size()) : Optional.empty();
    JsonNode rels = root.get("relationships");
    int relationCount = truthy(rels) ? pyLen(rels, "relationships") : 0;
    boolean relsAreList = !truthy(rels) || rels.isArray();
    Optional<List<LabeledBox>> objects;
    if (!truthy(objs)) {
      objects = Optional.of(List.of());
    } else if (!objs.isArray()) {
      objects = Optional.empty();
    } else {
      if (objs.size() > maxObjects) {
        throw new MalformedRecordException(
            "ground_truth scene has " + objs.size() + " objects > limit " + maxObjects);
      }
      List<LabeledBox> list = new ArrayList<>(objs.size());
      for (int i = 0; i < objs.size(); i++) {
        JsonNode o = objs.get(i);
        JsonNode id = o.get("id");
        if (id == null || !id.isTextual()) {
          throw new MalformedRecordException("ground_truth objects[" + i + "].id is not a string");
        }
        Optional<Box> box = SceneJson.box(o.get("bbox"));
        if (box.isEmpty()) {
          throw new MalformedRecordException(
              "ground_truth objects[" + i + "].bbox is not 4 finite numbers");
        }
        list.add(new LabeledBox(id.textValue(), box.get()));
      }
      objects = Optional.of(List.copyOf(list));
    }
    return new GroundTruth(answer, objectCount, relationCount, objects, relsAreList);
  }

  /** Python truthiness of a JSON value ({@code null} for an absent key). */
  private static boolean truthy(JsonNode n) {
    if (n == null || n.isNull()) {
      return false;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isNumber()) {
      return n.doubleValue() != 0.0;
    }
    if (n.isTextual()) {
      return !n.textValue().isEmpty();
    }
    return !n.isEmpty();
  }

  /** Python's {@code len} of a truthy JSON value. */
  private static int pyLen(JsonNode n, String field) {
    if (n.isContainerNode()) {
      return n.size();
    }
    if (n.isTextual()) {
      return n.textValue().codePointCount(0, n.textValue().length());
    }
    throw new MalformedRecordException("ground_truth scene " + field + " is not a list");
  }
}
