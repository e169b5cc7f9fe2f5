package spatialthinker.core.parse;

import java.util.Objects;
import java.util.Optional;
import spatialthinker.core.graph.SceneGraph;

/**
 * The outcome of reading a {@code <scene>} block: the scene graph when it is valid, else why not.
 *
 * @param graph the graph; present exactly when {@code error} is empty
 * @param error why the block is not a valid scene graph, naming the offending field
 * @param hasObjectsKey whether the JSON object has an {@code objects} key (the reference count
 *     reward scores 0 for a prediction without one, although format accepts it)
 */
public record SceneParse(
    Optional<SceneGraph> graph, Optional<String> error, boolean hasObjectsKey) {

  public SceneParse {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(error, "error");
    if (graph.isPresent() == error.isPresent()) {
      throw new IllegalArgumentException("exactly one of graph and error must be present");
    }
  }

  static SceneParse valid(SceneGraph graph, boolean hasObjectsKey) {
    return new SceneParse(Optional.of(graph), Optional.empty(), hasObjectsKey);
  }

  static SceneParse invalid(String error) {
    return new SceneParse(Optional.empty(), Optional.of(error), false);
  }

  public boolean isValid() {
    return graph.isPresent();
  }
}
