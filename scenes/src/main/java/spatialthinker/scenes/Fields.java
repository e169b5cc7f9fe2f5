package spatialthinker.scenes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.parse.SceneJson;

/** Typed, checked access to the fields of a JSON object; errors name the path of the field. */
final class Fields {

  private final JsonNode node;
  private final String where;
  private final String path;

  Fields(JsonNode node, String where) {
    this(node, where, "");
  }

  private Fields(JsonNode node, String where, String path) {
    this.node = node;
    this.where = where;
    this.path = path;
  }

  MalformedSceneException error(String field, String problem) {
    return new MalformedSceneException(where + ": " + path + field + " " + problem);
  }

  JsonNode node(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw error(field, "is missing");
    }
    return v;
  }

  String text(String field) {
    JsonNode v = node(field);
    if (!v.isTextual()) {
      throw error(field, "must be a string");
    }
    return v.textValue();
  }

  <T> T parse(String field, Function<String, T> reader) {
    String s = text(field);
    try {
      return reader.apply(s);
    } catch (IllegalArgumentException e) {
      throw error(field, "is not valid: " + e.getMessage());
    }
  }

  double number(String field) {
    JsonNode v = node(field);
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw error(field, "must be a finite number");
    }
    return v.doubleValue();
  }

  long integer(String field) {
    JsonNode v = node(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw error(field, "must be an integer");
    }
    return v.longValue();
  }

  int positiveInt(String field) {
    long v = integer(field);
    if (v <= 0 || v > Integer.MAX_VALUE) {
      throw error(field, "must be a positive integer, got " + v);
    }
    return (int) v;
  }

  Vec3 vector(String field) {
    JsonNode v = node(field);
    if (!v.isArray() || v.size() != 3) {
      throw error(field, "must be 3 numbers");
    }
    double[] xyz = new double[3];
    for (int i = 0; i < 3; i++) {
      if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).doubleValue())) {
        throw error(field, "must be 3 finite numbers");
      }
      xyz[i] = v.get(i).doubleValue();
    }
    return Vec3.of(xyz);
  }

  Box box(String field) {
    JsonNode v = node(field);
    boolean numbers = v.isArray();
    for (int i = 0; numbers && i < v.size(); i++) {
      numbers = v.get(i).isNumber();
    }
    Optional<Box> box = numbers ? SceneJson.box(v) : Optional.empty();
    if (box.isEmpty()) {
      throw error(field, "must be 4 finite numbers [x1, y1, x2, y2]");
    }
    return box.get();
  }

  Fields object(String field) {
    JsonNode v = node(field);
    if (!v.isObject()) {
      throw error(field, "must be an object");
    }
    return new Fields(v, where, path + field + ".");
  }

  List<Fields> objects(String field) {
    JsonNode v = node(field);
    if (!v.isArray()) {
      throw error(field, "must be an array");
    }
    List<Fields> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isObject()) {
        throw error(field + "[" + i + "]", "must be an object");
      }
      out.add(new Fields(v.get(i), where, path + field + "[" + i + "]."));
    }
    return out;
  }
}
