package spatialthinker.core.parse;

import java.util.Objects;
import java.util.Optional;

/**
 * A model response read into its parts.
 *
 * @param observe the {@code <observe>} tag
 * @param scene the {@code <scene>} tag
 * @param think the {@code <think>} tag
 * @param answer the {@code <answer>} tag
 * @param sceneGraph the scene graph read from the first {@code <scene>} block, or why it is invalid
 * @param answerText the stripped content of the first {@code <answer>…</answer>}, if any
 * @param limitError present when the response exceeds the {@link ParseLimits} (then nothing else
 *     was read)
 */
public record ParsedResponse(
    TagContent observe,
    TagContent scene,
    TagContent think,
    TagContent answer,
    SceneParse sceneGraph,
    Optional<String> answerText,
    Optional<String> limitError) {

  public ParsedResponse {
    Objects.requireNonNull(observe, "observe");
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(think, "think");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(sceneGraph, "sceneGraph");
    Objects.requireNonNull(answerText, "answerText");
    Objects.requireNonNull(limitError, "limitError");
  }

  /** The content of one tag. */
  public TagContent tag(Tag tag) {
    return switch (tag) {
      case OBSERVE -> observe;
      case SCENE -> scene;
      case THINK -> think;
      case ANSWER -> answer;
    };
  }

  /**
   * Why the response fails the SpatialThinker format, or empty when it passes: every tag once with
   * its closing tag (order not checked) and a valid scene graph.
   */
  public Optional<String> formatError() {
    if (limitError.isPresent()) {
      return limitError;
    }
    for (Tag t : Tag.values()) {
      TagContent c = tag(t);
      if (c.content().isEmpty()) {
        return Optional.of("no " + t.open() + "…" + t.close());
      }
      if (c.openCount() != 1) {
        return Optional.of(t.open() + " occurs " + c.openCount() + " times");
      }
    }
    return sceneGraph.error();
  }

  /** True when the response passes the SpatialThinker format check. */
  public boolean isWellFormatted() {
    return formatError().isEmpty();
  }
}
