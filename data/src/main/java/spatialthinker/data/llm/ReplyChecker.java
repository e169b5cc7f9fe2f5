package spatialthinker.data.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;
import spatialthinker.data.Category;
import spatialthinker.data.Difficulty;
import spatialthinker.data.Level;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.Scene;

/**
 * Reads a model's generated question (JSON with {@code question}, {@code options}, {@code answer},
 * {@code category}, {@code level}, {@code rating}) and checks it against the scene graph: it must
 * name at least one object of the graph and no known object name the graph lacks; options must be 2
 * to 4 distinct texts and the answer one of them; a count answer is recomputed from the graph and
 * corrected (the option set is fixed as the reference did: the matching option is chosen, or the
 * chosen option's text is replaced by the true count). The question-focused subgraph holds the
 * objects whose names the question mentions and the relations among them.
 */
final class ReplyChecker {

  /** A reply that is not usable; the message says why. */
  static final class BadReplyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** True when asking again may help (the reply was not JSON of the right shape). */
    final boolean retry;

    BadReplyException(String message, boolean retry) {
      super(message);
      this.retry = retry;
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern LETTER_PREFIX = Pattern.compile("^\\(?([A-Da-d])[).:]\\s*");
  private static final Set<String> UNCHECKED =
      Set.of(
          "face", "stand", "light", "number", "short", "letter", "orange", "track", "wave", "room",
          "post", "sign", "top", "head", "board");

  private ReplyChecker() {}

  /** The JSON object in a reply: the text from the first {@code {} to its matching {@code }}. */
  static JsonNode json(String reply) {
    int start = reply.indexOf('{');
    int end = reply.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw new BadReplyException("reply holds no JSON object", true);
    }
    try {
      JsonNode n = MAPPER.readTree(reply.substring(start, end + 1));
      if (n == null || !n.isObject()) {
        throw new BadReplyException("reply JSON is not an object", true);
      }
      return n;
    } catch (java.io.IOException e) {
      throw new BadReplyException("reply is not valid JSON", true);
    }
  }

  /** The checked question, or {@link BadReplyException} naming what is wrong. */
  static QaItem check(Scene scene, String reply) {
    JsonNode n = json(reply);
    String question = text(n, "question").strip();
    JsonNode opts = n.get("options");
    if (opts == null || !opts.isArray() || opts.size() < 2 || opts.size() > 4) {
      throw new BadReplyException("options must be a list of 2 to 4 strings", true);
    }
    List<String> options = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode o : opts) {
      String t = LETTER_PREFIX.matcher(o.asText().strip()).replaceFirst("").strip();
      if (t.isEmpty() || !seen.add(t.toLowerCase(Locale.ROOT))) {
        throw new BadReplyException("options must be distinct and non-empty: " + opts, false);
      }
      options.add(t);
    }
    int answer = answerIndex(text(n, "answer"), options);
    Category category;
    Level level;
    try {
      String c = text(n, "category").strip();
      category = c.toUpperCase(Locale.ROOT).startsWith("REL_") ? Category.RELATION : Category.of(c);
      level = Level.of(text(n, "level"));
    } catch (IllegalArgumentException e) {
      throw new BadReplyException(e.getMessage(), true);
    }
    int rating = Math.max(1, Math.min(10, n.path("rating").asInt(5)));
    Map<String, List<SceneObject>> byName = new LinkedHashMap<>();
    for (SceneObject o : scene.graph().objects()) {
      byName
          .computeIfAbsent(
              o.name().replace('_', ' ').toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(o);
    }
    List<String> mentioned = new ArrayList<>();
    for (String name : byName.keySet()) {
      if (Vocabulary.mentions(question, name)) {
        mentioned.add(name);
      }
    }
    if (mentioned.isEmpty()) {
      throw new BadReplyException("question names no object of the scene graph", false);
    }
    for (String known : Vocabulary.names()) {
      if (!byName.containsKey(known)
          && !UNCHECKED.contains(known)
          && Vocabulary.mentions(question, known)) {
        throw new BadReplyException(
            "question names '" + known + "', which is not in the scene graph", false);
      }
    }
    List<SceneObject> objs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (SceneObject o : scene.graph().objects()) {
      if (mentioned.contains(o.name().replace('_', ' ').toLowerCase(Locale.ROOT))) {
        objs.add(o);
        ids.add(o.id());
      }
    }
    if (category == Category.COUNT) {
      String count = Integer.toString(objs.size());
      int at = options.indexOf(count);
      if (at >= 0) {
        answer = at;
      } else {
        options.set(answer, count);
        if (new HashSet<>(options).size() != options.size()) {
          throw new BadReplyException("count options cannot be corrected: " + options, false);
        }
      }
    }
    List<Relation> rels = new ArrayList<>();
    for (Relation r : scene.graph().relationships()) {
      if (ids.contains(r.subject()) && ids.contains(r.object())) {
        rels.add(r);
      }
    }
    SceneGraph sub = new SceneGraph(objs, rels);
    return new QaItem(
        scene.imageId(),
        category,
        question,
        options,
        answer,
        new Difficulty(level, rating),
        sub,
        observe(scene, objs),
        think(rels, objs));
  }

  private static int answerIndex(String answer, List<String> options) {
    String a = answer.strip();
    Matcher m = Pattern.compile("^\\(?([A-Da-d])\\)?\\.?$").matcher(a);
    if (m.matches()) {
      int i = Character.toUpperCase(m.group(1).charAt(0)) - 'A';
      if (i < options.size()) {
        return i;
      }
      throw new BadReplyException("answer '" + a + "' is not one of the options", false);
    }
    String t = LETTER_PREFIX.matcher(a).replaceFirst("").strip();
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).equalsIgnoreCase(t)) {
        return i;
      }
    }
    throw new BadReplyException("answer '" + a + "' is not one of the options", false);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !(v.isTextual() || v.isNumber()) || v.asText().isBlank()) {
      throw new BadReplyException(field + " is missing or not a string", true);
    }
    return v.asText();
  }

  private static String observe(Scene scene, List<SceneObject> objs) {
    StringBuilder b = new StringBuilder("The image shows ");
    b.append(scene.graph().objects().size()).append(" objects.");
    for (SceneObject o : objs) {
      Box x = o.bbox();
      b.append(" The ")
          .append(o.name().replace('_', ' '))
          .append(" (")
          .append(o.id())
          .append(") is at [")
          .append((long) x.x1())
          .append(", ")
          .append((long) x.y1())
          .append(", ")
          .append((long) x.x2())
          .append(", ")
          .append((long) x.y2())
          .append("].");
    }
    return b.toString();
  }

  private static String think(List<Relation> rels, List<SceneObject> objs) {
    if (rels.isEmpty()) {
      return "The relevant objects are "
          + String.join(", ", objs.stream().map(SceneObject::id).toList())
          + ".";
    }
    return "The scene graph relates "
        + String.join(
            "; ",
            rels.stream().map(r -> r.subject() + " " + r.predicate() + " " + r.object()).toList())
        + ".";
  }
}
