package spatialthinker.core.parse;

import java.util.Optional;

/**
 * Turns a model's raw output into a {@link ParsedResponse}. Total: no exception escapes for any
 * input string. Thread-safe.
 */
public final class ResponseParser {

  private final ParseLimits limits;
  private final SceneJson sceneJson;

  public ResponseParser(ParseLimits limits) {
    this.limits = limits;
    this.sceneJson = new SceneJson(limits);
  }

  public ResponseParser() {
    this(ParseLimits.DEFAULT);
  }

  public ParseLimits limits() {
    return limits;
  }

  /** Parses a response; {@code null} is read as the empty string. */
  public ParsedResponse parse(String response) {
    String text = response == null ? "" : response;
    if (text.length() > limits.maxResponseChars()) {
      TagContent none = new TagContent(Tag.OBSERVE, 0, Optional.empty());
      String why =
          "response has " + text.length() + " characters > limit " + limits.maxResponseChars();
      return new ParsedResponse(
          none,
          new TagContent(Tag.SCENE, 0, Optional.empty()),
          new TagContent(Tag.THINK, 0, Optional.empty()),
          new TagContent(Tag.ANSWER, 0, Optional.empty()),
          SceneParse.invalid(why),
          Optional.empty(),
          Optional.of(why));
    }
    TagContent observe = TagContent.find(Tag.OBSERVE, text);
    TagContent scene = TagContent.find(Tag.SCENE, text);
    TagContent think = TagContent.find(Tag.THINK, text);
    TagContent answer = TagContent.find(Tag.ANSWER, text);
    SceneParse graph = readScene(scene);
    Optional<String> answerText = answer.content().map(PyText::strip);
    return new ParsedResponse(observe, scene, think, answer, graph, answerText, Optional.empty());
  }

  /** The scene graph of a {@code <scene>} tag, with the reference's rules. */
  public SceneParse readScene(TagContent scene) {
    if (scene.content().isEmpty()) {
      return SceneParse.invalid("no <scene>…</scene>");
    }
    try {
      return sceneJson.parse(PyText.strip(scene.content().get()));
    } catch (RuntimeException e) {
      // Defensive: validation is written not to throw; any surprise is a format failure.
      return SceneParse.invalid("scene could not be read: " + e);
    }
  }

  /** The JSON reader/writer this parser uses. */
  public SceneJson sceneJson() {
    return sceneJson;
  }
}
