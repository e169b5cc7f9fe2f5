package spatialthinker.core.graph;

import java.util.Objects;

/** A relation triplet {@code subject --predicate--> object} between object ids. */
public record Relation(String subject, String predicate, String object) {

  public Relation {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(predicate, "predicate");
    Objects.requireNonNull(object, "object");
    if (!ObjectIds.isValid(subject)) {
      throw new IllegalArgumentException(
          "relation subject must look like name.N, got '" + subject + "'");
    }
    if (!ObjectIds.isValid(object)) {
      throw new IllegalArgumentException(
          "relation object must look like name.N, got '" + object + "'");
    }
  }
}
