package spatialthinker.core.graph;

import java.util.Objects;
import spatialthinker.core.geometry.Box;

/** An object of a scene graph: an id of the form {@code name.N} and its box. */
public record SceneObject(String id, Box bbox) {

  public SceneObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(bbox, "bbox");
    if (!ObjectIds.isValid(id)) {
      throw new IllegalArgumentException("object id must look like name.N, got '" + id + "'");
    }
  }

  /** The name part of the id ({@code cup} for {@code cup.2}). */
  public String name() {
    return ObjectIds.name(id);
  }
}
