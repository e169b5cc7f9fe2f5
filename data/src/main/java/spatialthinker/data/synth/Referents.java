package spatialthinker.data.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spatialthinker.scenes.ObjectTruth;

/**
 * The shortest unambiguous description of each object of a rendered scene: the shape word alone
 * when no other object has that shape, else with the fewest attributes (size, finish, colour) that
 * tell it apart from every other object of its shape. Objects that no combination singles out get
 * no description and are never asked about.
 */
final class Referents {

  // Attribute sets in order of preference: fewer words first, colour before size before finish.
  private static final int COLOUR = 1;
  private static final int SIZE = 2;
  private static final int FINISH = 4;
  private static final int[] COMBOS = {
    0, COLOUR, SIZE, FINISH, SIZE | COLOUR, FINISH | COLOUR, SIZE | FINISH, SIZE | FINISH | COLOUR
  };

  private final Map<String, String> withSize = new HashMap<>();
  private final Map<String, String> withoutSize = new HashMap<>();

  Referents(List<ObjectTruth> objects) {
    for (ObjectTruth o : objects) {
      List<ObjectTruth> same = new ArrayList<>();
      for (ObjectTruth p : objects) {
        if (p != o && p.shape() == o.shape()) {
          same.add(p);
        }
      }
      phrase(o, same, true).ifPresent(s -> withSize.put(o.id(), s));
      phrase(o, same, false).ifPresent(s -> withoutSize.put(o.id(), s));
    }
  }

  /** The description of an object ({@code red cube}), if it can be singled out. */
  Optional<String> of(String id) {
    return Optional.ofNullable(withSize.get(id));
  }

  /** A description that does not use the size class (for size questions), if one exists. */
  Optional<String> withoutSize(String id) {
    return Optional.ofNullable(withoutSize.get(id));
  }

  private static Optional<String> phrase(ObjectTruth o, List<ObjectTruth> others, boolean size) {
    for (int combo : COMBOS) {
      if (!size && (combo & SIZE) != 0) {
        continue;
      }
      boolean unique = true;
      for (ObjectTruth p : others) {
        if (matches(p, o, combo)) {
          unique = false;
          break;
        }
      }
      if (unique) {
        return Optional.of(words(o, combo));
      }
    }
    return Optional.empty();
  }

  private static boolean matches(ObjectTruth p, ObjectTruth o, int combo) {
    return ((combo & COLOUR) == 0 || p.color() == o.color())
        && ((combo & SIZE) == 0 || p.size() == o.size())
        && ((combo & FINISH) == 0 || p.material() == o.material());
  }

  private static String words(ObjectTruth o, int combo) {
    StringBuilder b = new StringBuilder();
    if ((combo & SIZE) != 0) {
      b.append(o.size().word()).append(' ');
    }
    if ((combo & FINISH) != 0) {
      b.append(o.material().word()).append(' ');
    }
    if ((combo & COLOUR) != 0) {
      b.append(o.color().word()).append(' ');
    }
    return b.append(o.shape().word()).toString();
  }
}
