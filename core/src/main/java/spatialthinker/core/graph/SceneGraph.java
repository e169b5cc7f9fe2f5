package spatialthinker.core.graph;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A scene graph as {@code <scene>} holds it: objects with unique ids and boxes, and relation
 * triplets between them. Relations may name ids that are not among the objects (model output often
 * does); {@link #danglingRelations()} lists those.
 */
public record SceneGraph(List<SceneObject> objects, List<Relation> relationships) {

  public static final SceneGraph EMPTY = new SceneGraph(List.of(), List.of());

  public SceneGraph {
    objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
    relationships = List.copyOf(Objects.requireNonNull(relationships, "relationships"));
    Set<String> seen = new HashSet<>();
    for (SceneObject o : objects) {
      if (!seen.add(o.id())) {
        throw new IllegalArgumentException("duplicate object id '" + o.id() + "'");
      }
    }
  }

  /** Relations whose subject or object is not the id of one of the objects. */
  public List<Relation> danglingRelations() {
    Set<String> ids = new HashSet<>();
    objects.forEach(o -> ids.add(o.id()));
    return relationships.stream()
        .filter(r -> !ids.contains(r.subject()) || !ids.contains(r.object()))
        .toList();
  }
}
