package spatialthinker.scenes;

import java.util.Optional;

/**
 * The relations computed for rendered scenes, with the words written in the scene graph. Each has
 * an inverse: when {@code A p B} holds, {@code B p.inverse() A} holds too and both are listed.
 * {@code docs/formats.md} gives the geometric rule and margin of each.
 */
public enum SpatialPredicate {
  LEFT_OF("left of"),
  RIGHT_OF("right of"),
  IN_FRONT_OF("in front of"),
  BEHIND("behind"),
  ON_TOP_OF("on top of"),
  UNDER("under"),
  ABOVE("above"),
  BELOW("below"),
  TOUCHING("touching"),
  NEXT_TO("next to"),
  FACING_TOWARDS("facing towards"),
  FACING_AWAY_FROM("facing away from");

  private final String text;

  SpatialPredicate(String text) {
    this.text = text;
  }

  /** The predicate as written in relation triplets. */
  public String text() {
    return text;
  }

  /**
   * The predicate that holds with subject and object swapped; empty for the facing predicates,
   * which say something about the subject's orientation only.
   */
  public Optional<SpatialPredicate> inverse() {
    return Optional.ofNullable(
        switch (this) {
          case LEFT_OF -> RIGHT_OF;
          case RIGHT_OF -> LEFT_OF;
          case IN_FRONT_OF -> BEHIND;
          case BEHIND -> IN_FRONT_OF;
          case ON_TOP_OF -> UNDER;
          case UNDER -> ON_TOP_OF;
          case ABOVE -> BELOW;
          case BELOW -> ABOVE;
          case TOUCHING -> TOUCHING;
          case NEXT_TO -> NEXT_TO;
          case FACING_TOWARDS, FACING_AWAY_FROM -> null;
        });
  }

  /** The predicate written as {@code text}, if it is one of these. */
  public static Optional<SpatialPredicate> of(String text) {
    for (SpatialPredicate p : values()) {
      if (p.text.equals(text)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
