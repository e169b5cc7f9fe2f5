package spatialthinker.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.ObjectIds;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;

/**
 * Reads scene-graph JSON with the validation rules of the reference format reward: a non-empty
 * object; {@code objects} and {@code relationships} arrays (absent means empty); objects with
 * exactly the keys {@code id} and {@code bbox}; ids {@code name.N}; a bbox of four numbers;
 * relations with string {@code subject}, {@code predicate}, {@code object} whose ends are ids;
 * unique object ids. Beyond the reference, non-finite numbers and anything past the {@link
 * ParseLimits} are rejected.
 *
 * <p>As in Python's {@code json}, a repeated key keeps its last value and trailing text after the
 * JSON value is an error; booleans count as the numbers 1 and 0 in a bbox, since Python's {@code
 * isinstance(True, int)} holds.
 */
public final class SceneJson {

  private final ParseLimits limits;
  private final ObjectMapper mapper;

  public SceneJson(ParseLimits limits) {
    this.limits = limits;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(limits.maxJsonDepth()).build())
            .build();
    this.mapper =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /** Parses JSON text into a tree; empty when it is not exactly one JSON value. */
  public Optional<JsonNode> readTree(String json) {
    try {
      JsonNode node = mapper.readTree(json);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Parses and validates the content of a {@code <scene>} block (already stripped). */
  public SceneParse parse(String json) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      return SceneParse.invalid("scene is not valid JSON: " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      return SceneParse.invalid("scene is not valid JSON: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      return SceneParse.invalid("scene is empty");
    }
    return validate(root);
  }

  /** Validates a parsed scene tree. */
  public SceneParse validate(JsonNode root) {
    if (!root.isObject()) {
      return SceneParse.invalid("scene JSON is not an object");
    }
    if (root.isEmpty()) {
      return SceneParse.invalid("scene JSON object is empty");
    }
    boolean hasObjects = root.has("objects");
    JsonNode objs = root.get("objects");
    JsonNode rels = root.get("relationships");
    if (objs != null && !objs.isArray()) {
      return SceneParse.invalid("objects is not an array");
    }
    if (rels != null && !rels.isArray()) {
      return SceneParse.invalid("relationships is not an array");
    }
    int nObjs = objs == null ? 0 : objs.size();
    int nRels = rels == null ? 0 : rels.size();
    if (nObjs > limits.maxObjects()) {
      return SceneParse.invalid("too many objects: " + nObjs + " > limit " + limits.maxObjects());
    }
    if (nRels > limits.maxRelationships()) {
      return SceneParse.invalid(
          "too many relationships: " + nRels + " > limit " + limits.maxRelationships());
    }
    List<SceneObject> objects = new ArrayList<>(nObjs);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < nObjs; i++) {
      JsonNode o = objs.get(i);
      String where = "objects[" + i + "]";
      if (!o.isObject()) {
        return SceneParse.invalid(where + " is not an object");
      }
      if (o.size() != 2 || !o.has("id") || !o.has("bbox")) {
        return SceneParse.invalid(where + " must have exactly the keys id and bbox");
      }
      JsonNode id = o.get("id");
      if (!id.isTextual() || !ObjectIds.isValid(id.textValue())) {
        return SceneParse.invalid(where + ".id is not a string like name.N");
      }
      Optional<Box> box = box(o.get("bbox"));
      if (box.isEmpty()) {
        return SceneParse.invalid(where + ".bbox is not 4 finite numbers");
      }
      if (!ids.add(id.textValue())) {
        return SceneParse.invalid(where + ".id '" + id.textValue() + "' is repeated");
      }
      objects.add(new SceneObject(id.textValue(), box.get()));
    }
    List<Relation> relations = new ArrayList<>(nRels);
    for (int i = 0; i < nRels; i++) {
      JsonNode r = rels.get(i);
      String where = "relationships[" + i + "]";
      if (!r.isObject()) {
        return SceneParse.invalid(where + " is not an object");
      }
      JsonNode s = r.get("subject");
      JsonNode p = r.get("predicate");
      JsonNode ob = r.get("object");
      if (s == null || p == null || ob == null) {
        return SceneParse.invalid(where + " must have subject, predicate and object");
      }
      if (!s.isTextual() || !p.isTextual() || !ob.isTextual()) {
        return SceneParse.invalid(where + " subject, predicate and object must be strings");
      }
      if (!ObjectIds.isValid(s.textValue()) || !ObjectIds.isValid(ob.textValue())) {
        return SceneParse.invalid(where + " subject and object must be ids like name.N");
      }
      relations.add(new Relation(s.textValue(), p.textValue(), ob.textValue()));
    }
    return SceneParse.valid(new SceneGraph(objects, relations), hasObjects);
  }

  /** Four finite numbers (booleans as 1/0) as a box; empty otherwise. */
  public static Optional<Box> box(JsonNode bbox) {
    if (bbox == null || !bbox.isArray() || bbox.size() != 4) {
      return Optional.empty();
    }
    double[] v = new double[4];
    for (int k = 0; k < 4; k++) {
      JsonNode n = bbox.get(k);
      if (n.isNumber()) {
        v[k] = n.doubleValue();
      } else if (n.isBoolean()) {
        v[k] = n.booleanValue() ? 1.0 : 0.0;
      } else {
        return Optional.empty();
      }
      if (!Double.isFinite(v[k])) {
        return Optional.empty();
      }
    }
    return Optional.of(Box.of(v));
  }

  /** Writes a scene graph as the compact JSON {@code <scene>} holds. */
  public String write(SceneGraph graph) {
    List<Map<String, Object>> objs = new ArrayList<>();
    for (SceneObject o : graph.objects()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", o.id());
      m.put("bbox", numbers(o.bbox()));
      objs.add(m);
    }
    List<Map<String, Object>> rels = new ArrayList<>();
    for (Relation r : graph.relationships()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("subject", r.subject());
      m.put("predicate", r.predicate());
      m.put("object", r.object());
      rels.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("objects", objs);
    root.put("relationships", rels);
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write scene graph", e);
    }
  }

  private static List<Number> numbers(Box b) {
    List<Number> out = new ArrayList<>(4);
    for (double d : b.toArray()) {
      out.add(d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) (long) d : d);
    }
    return out;
  }
}
