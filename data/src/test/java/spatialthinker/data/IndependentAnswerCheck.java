package spatialthinker.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-derives the answer of a synthetic row from {@code scenes.jsonl} alone, by the rules written in
 * docs/data.md, without any of the generator's classes: it reads the JSON fields, finds the objects
 * the question names from its words (each must be the only one matching), and computes the answer.
 * Returns a description of the disagreement, or null when the row's answer is right.
 */
final class IndependentAnswerCheck {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SHAPES = "cube|sphere|cylinder|cone|chair|car|snowman";
  private static final String COLOURS = "gray|red|blue|green|brown|purple|cyan|yellow|white";
  private static final Pattern THE =
      Pattern.compile(
          "\\bthe ((?:small|medium|large) )?((?:matte|shiny) )?((?:"
              + COLOURS
              + ") )?("
              + SHAPES
              + ")\\b");
  private static final Pattern A_THING =
      Pattern.compile("\\ban? ((?:" + COLOURS + ") )?(" + SHAPES + ")\\b");
  private static final Pattern PLURAL =
      Pattern.compile("((?:" + COLOURS + ") )?(cubes|spheres|cylinders|cones|chairs|cars|snowmen)");

  private final Map<String, JsonNode> scenes = new HashMap<>();

  IndependentAnswerCheck(Path scenesJsonl) throws IOException {
    for (String line : Files.readAllLines(scenesJsonl)) {
      if (!line.isBlank()) {
        JsonNode n = MAPPER.readTree(line);
        scenes.put(n.get("image_id").asText(), n);
      }
    }
  }

  String check(
      String imageId, String category, String question, List<String> options, String answer) {
    JsonNode s = scenes.get(imageId);
    if (s == null) {
      return "no scene " + imageId;
    }
    String q = question.toLowerCase(Locale.ROOT);
    String expected;
    try {
      expected =
          switch (category) {
            case "relation" -> relation(s, q, options, answer);
            case "reach" -> reach(s, q, options);
            case "size" -> size(s, q);
            case "orientation" -> orientation(s, q);
            case "instance_location" -> location(s, q);
            case "depth" -> depth(s, q);
            case "distance" -> distance(s, q);
            case "count" -> count(s, q);
            case "existence" -> existence(s, q);
            default -> "unknown category";
          };
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    return expected.equals(answer)
        ? null
        : "expected '" + expected + "', row says '" + answer + "'";
  }

  // ---- the objects a question names ----

  private List<JsonNode> named(JsonNode s, String q) {
    List<JsonNode> out = new ArrayList<>();
    Matcher m = THE.matcher(q);
    while (m.find()) {
      List<JsonNode> hits = new ArrayList<>();
      for (JsonNode o : s.get("objects")) {
        if (o.get("shape").asText().equals(m.group(4))
            && (m.group(1) == null || o.get("size").asText().equals(m.group(1).strip()))
            && (m.group(2) == null || o.get("material").asText().equals(m.group(2).strip()))
            && (m.group(3) == null || o.get("color").asText().equals(m.group(3).strip()))) {
          hits.add(o);
        }
      }
      if (hits.size() != 1) {
        throw new IllegalStateException("'" + m.group() + "' matches " + hits.size() + " objects");
      }
      out.add(hits.get(0));
    }
    return out;
  }

  private static String id(JsonNode o) {
    return o.get("id").asText();
  }

  private static boolean listed(JsonNode s, JsonNode a, String p, JsonNode b) {
    for (JsonNode r : s.get("relationships")) {
      if (r.get("subject").asText().equals(id(a))
          && r.get("predicate").asText().equals(p)
          && r.get("object").asText().equals(id(b))) {
        return true;
      }
    }
    return false;
  }

  private static String support(JsonNode o) {
    JsonNode v = o.get("supported_by");
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static double[] vec(JsonNode o, String f) {
    JsonNode v = o.get(f);
    return new double[] {v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble()};
  }

  private static String label(JsonNode o, String q) {
    // The option text for an object: the words the question used for it.
    Matcher m = THE.matcher(q);
    while (m.find()) {
      if (o.get("shape").asText().equals(m.group(4))) {
        String words =
            (m.group(1) == null ? "" : m.group(1))
                + (m.group(2) == null ? "" : m.group(2))
                + (m.group(3) == null ? "" : m.group(3))
                + m.group(4);
        boolean match =
            (m.group(1) == null || o.get("size").asText().equals(m.group(1).strip()))
                && (m.group(2) == null || o.get("material").asText().equals(m.group(2).strip()))
                && (m.group(3) == null || o.get("color").asText().equals(m.group(3).strip()));
        if (match) {
          return words;
        }
      }
    }
    throw new IllegalStateException("no words for " + id(o));
  }

  // ---- categories ----

  private String relation(JsonNode s, String q, List<String> options, String answer) {
    List<JsonNode> o = named(s, q);
    JsonNode a = o.get(0);
    JsonNode b = o.get(1);
    if (!listed(s, a, answer, b)) {
      throw new IllegalStateException(id(a) + " " + answer + " " + id(b) + " is not listed");
    }
    for (String opt : options) {
      if (!opt.equals(answer) && !certainlyFalse(s, a, opt, b)) {
        throw new IllegalStateException("distractor '" + opt + "' may hold");
      }
    }
    return answer;
  }

  private static boolean certainlyFalse(JsonNode s, JsonNode a, String p, JsonNode b) {
    return switch (p) {
      case "left of" -> listed(s, a, "right of", b);
      case "right of" -> listed(s, a, "left of", b);
      case "in front of" -> listed(s, a, "behind", b);
      case "behind" -> listed(s, a, "in front of", b);
      case "on top of" -> !support(a).equals(id(b));
      case "under" -> !support(b).equals(id(a));
      case "above" -> support(a).isEmpty() || listed(s, a, "below", b);
      case "below" -> support(b).isEmpty() || listed(s, a, "above", b);
      default -> false;
    };
  }

  private String reach(JsonNode s, String q, List<String> options) {
    List<JsonNode> o = named(s, q);
    JsonNode a = o.get(0);
    JsonNode b = o.get(1);
    String cls;
    if (support(a).equals(id(b))) {
      cls = "resting on";
    } else if (support(b).equals(id(a))) {
      cls = "supporting";
    } else if (listed(s, a, "touching", b)) {
      cls = "touching side by side";
    } else {
      double[] pa = vec(a, "position");
      double[] pb = vec(b, "position");
      double[] da = vec(a, "dimensions");
      double[] db = vec(b, "dimensions");
      double gap =
          Math.hypot(pa[0] - pb[0], pa[2] - pb[2])
              - Math.hypot(da[0], da[2]) / 2
              - Math.hypot(db[0], db[2]) / 2;
      if (listed(s, a, "next to", b) || listed(s, a, "above", b) || listed(s, a, "below", b)) {
        throw new IllegalStateException("contact of " + id(a) + " and " + id(b) + " is unclear");
      }
      if (gap < 0.15) {
        throw new IllegalStateException("gap " + gap + " is too small for not touching");
      }
      cls = "not touching";
    }
    if (options.contains("yes")) {
      return cls.equals("not touching") ? "no" : "yes";
    }
    return cls;
  }

  private String size(JsonNode s, String q) {
    List<JsonNode> o = named(s, q);
    JsonNode a = o.get(0);
    JsonNode b = o.get(1);
    double[] da = vec(a, "dimensions");
    double[] db = vec(b, "dimensions");
    if (q.contains("taller") || q.contains("shorter")) {
      double ha = da[1];
      double hb = db[1];
      if (Math.max(ha, hb) / Math.min(ha, hb) < 1.3 || Math.abs(ha - hb) < 0.1) {
        throw new IllegalStateException("heights too close");
      }
      boolean aTaller = ha > hb;
      return label(q.contains("taller") == aTaller ? a : b, q);
    }
    double va = da[0] * da[1] * da[2];
    double vb = db[0] * db[1] * db[2];
    if (Math.max(va, vb) / Math.min(va, vb) < 2) {
      throw new IllegalStateException("volumes too close");
    }
    if (q.startsWith("is the")) {
      return va > vb ? "yes" : "no";
    }
    boolean bigger = q.contains("bigger") || q.contains("larger");
    return label(bigger == (va > vb) ? a : b, q);
  }

  private String orientation(JsonNode s, String q) {
    List<JsonNode> o = named(s, q);
    JsonNode ref = o.get(0);
    JsonNode a = o.get(1);
    double yaw = Math.toRadians(ref.get("yaw").asDouble());
    double fx = Math.sin(yaw);
    double fz = Math.cos(yaw);
    // The reference's right hand, as for a viewer facing (fx, fz) with y up: (-fz, fx).
    double rx = -fz;
    double rz = fx;
    double[] pr = vec(ref, "position");
    double[] pa = vec(a, "position");
    double dx = pa[0] - pr[0];
    double dz = pa[2] - pr[2];
    double angle = Math.toDegrees(Math.atan2(dx * rx + dz * rz, dx * fx + dz * fz));
    double abs = Math.abs(angle);
    if (abs <= 30) {
      return "in front";
    }
    if (abs >= 150) {
      return "behind";
    }
    if (abs >= 60 && abs <= 120) {
      return angle > 0 ? "to the right" : "to the left";
    }
    throw new IllegalStateException("bearing " + angle + " is between directions");
  }

  private String location(JsonNode s, String q) {
    JsonNode a = named(s, q).get(0);
    JsonNode box = a.get("bbox");
    double cx = (box.get(0).asDouble() + box.get(2).asDouble()) / 2 / s.get("width").asDouble();
    double cy = (box.get(1).asDouble() + box.get(3).asDouble()) / 2 / s.get("height").asDouble();
    String[] rows = {"top", "center", "bottom"};
    String[] cols = {"left", "center", "right"};
    String row = rows[Math.min(2, (int) Math.floor(cy * 3))];
    String col = cols[Math.min(2, (int) Math.floor(cx * 3))];
    if (row.equals("center") && col.equals("center")) {
      return "center";
    }
    return row + " " + col;
  }

  private String depth(JsonNode s, String q) {
    List<JsonNode> o = named(s, q);
    double da = o.get(0).get("depth").asDouble();
    double db = o.get(1).get("depth").asDouble();
    if (Math.abs(da - db) < 0.35 || Math.abs(da - db) < 0.08 * Math.min(da, db)) {
      throw new IllegalStateException("depths too close");
    }
    if (q.startsWith("is the")) {
      return da < db ? "yes" : "no";
    }
    boolean closer = !q.contains("farther");
    return label(closer == (da < db) ? o.get(0) : o.get(1), q);
  }

  private String distance(JsonNode s, String q) {
    List<JsonNode> o = named(s, q);
    double[] r = vec(o.get(0), "position");
    double[] pa = vec(o.get(1), "position");
    double[] pb = vec(o.get(2), "position");
    double da = Math.sqrt(sq(pa[0] - r[0]) + sq(pa[1] - r[1]) + sq(pa[2] - r[2]));
    double db = Math.sqrt(sq(pb[0] - r[0]) + sq(pb[1] - r[1]) + sq(pb[2] - r[2]));
    if (Math.abs(da - db) < Math.max(0.3, 0.25 * Math.min(da, db))) {
      throw new IllegalStateException("distances too close");
    }
    boolean closer = !q.contains("farther");
    return label(closer == (da < db) ? o.get(1) : o.get(2), q);
  }

  private static double sq(double v) {
    return v * v;
  }

  private String count(JsonNode s, String q) {
    Matcher m = PLURAL.matcher(q);
    if (!m.find()) {
      throw new IllegalStateException("no plural in count question");
    }
    String colour = m.group(1) == null ? null : m.group(1).strip();
    String shape = m.group(2).equals("snowmen") ? "snowman" : m.group(2).replaceAll("s$", "");
    noneHidden(s, shape, colour);
    int n = 0;
    for (JsonNode o : s.get("objects")) {
      if (o.get("shape").asText().equals(shape)
          && (colour == null || o.get("color").asText().equals(colour))) {
        if (o.get("visible_fraction").asDouble() < 0.5) {
          throw new IllegalStateException("counts an object half hidden");
        }
        n++;
      }
    }
    return Integer.toString(n);
  }

  // A count or existence question must not be about a kind drawn below the visibility threshold.
  private static void noneHidden(JsonNode s, String shape, String colour) {
    JsonNode hidden = s.get("hidden");
    if (hidden == null) {
      return;
    }
    for (JsonNode h : hidden) {
      if (h.get("shape").asText().equals(shape)
          && (colour == null || h.get("color").asText().equals(colour))) {
        throw new IllegalStateException(
            "asks about " + (colour == null ? "" : colour + " ") + shape + ", drawn but hidden");
      }
    }
  }

  private String existence(JsonNode s, String q) {
    Matcher m = A_THING.matcher(q);
    List<String[]> things = new ArrayList<>();
    while (m.find()) {
      things.add(new String[] {m.group(1) == null ? null : m.group(1).strip(), m.group(2)});
    }
    for (String[] t : things) {
      noneHidden(s, t[1], t[0]);
    }
    if (q.contains("on top of")) {
      for (JsonNode top : s.get("objects")) {
        for (JsonNode bottom : s.get("objects")) {
          if (top.get("shape").asText().equals(things.get(0)[1])
              && bottom.get("shape").asText().equals(things.get(1)[1])
              && support(top).equals(id(bottom))) {
            return "yes";
          }
        }
      }
      return "no";
    }
    String[] t = things.get(0);
    for (JsonNode o : s.get("objects")) {
      if (o.get("shape").asText().equals(t[1])
          && (t[0] == null || o.get("color").asText().equals(t[0]))) {
        return "yes";
      }
    }
    return "no";
  }
}
