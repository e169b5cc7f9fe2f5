package spatialthinker.data.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import spatialthinker.scenes.Kind;

/**
 * Object names a generated question may mention: the shapes of rendered scenes and the VG150 object
 * classes. A question that names one of these which the scene graph does not hold is rejected.
 * Class names that are also everyday words in spatial questions ({@code face}, {@code stand},
 * {@code light}, {@code number}, {@code short}, {@code letter}, {@code orange}, {@code track},
 * {@code wave}, {@code room}, {@code post}, {@code sign}, {@code top}) are not checked.
 */
final class Vocabulary {

  private static final List<String> VG150 =
      List.of(
          "airplane",
          "animal",
          "arm",
          "bag",
          "banana",
          "basket",
          "beach",
          "bear",
          "bed",
          "bench",
          "bike",
          "bird",
          "board",
          "boat",
          "book",
          "boot",
          "bottle",
          "bowl",
          "box",
          "boy",
          "branch",
          "building",
          "bus",
          "cabinet",
          "cap",
          "car",
          "cat",
          "chair",
          "child",
          "clock",
          "coat",
          "counter",
          "cow",
          "cup",
          "curtain",
          "desk",
          "dog",
          "door",
          "drawer",
          "ear",
          "elephant",
          "engine",
          "eye",
          "fence",
          "finger",
          "flag",
          "flower",
          "food",
          "fork",
          "fruit",
          "giraffe",
          "girl",
          "glass",
          "glove",
          "guy",
          "hair",
          "hand",
          "handle",
          "hat",
          "head",
          "helmet",
          "hill",
          "horse",
          "house",
          "jacket",
          "jean",
          "kid",
          "kite",
          "lady",
          "lamp",
          "laptop",
          "leaf",
          "leg",
          "logo",
          "man",
          "motorcycle",
          "mountain",
          "mouth",
          "neck",
          "nose",
          "pant",
          "paper",
          "paw",
          "person",
          "phone",
          "pillow",
          "pizza",
          "plane",
          "plant",
          "plate",
          "player",
          "pole",
          "pot",
          "racket",
          "railing",
          "rock",
          "roof",
          "screen",
          "seat",
          "sheep",
          "shelf",
          "shirt",
          "shoe",
          "sidewalk",
          "sink",
          "skateboard",
          "ski",
          "skier",
          "sneaker",
          "snow",
          "sock",
          "street",
          "surfboard",
          "table",
          "tail",
          "tie",
          "tile",
          "tire",
          "toilet",
          "towel",
          "tower",
          "train",
          "tree",
          "truck",
          "trunk",
          "umbrella",
          "vase",
          "vegetable",
          "vehicle",
          "wheel",
          "window",
          "windshield",
          "wing",
          "wire",
          "woman",
          "zebra");

  private Vocabulary() {}

  /** Every checked name: shapes and VG150 classes. */
  static List<String> names() {
    List<String> out = new ArrayList<>(VG150);
    for (Kind k : Kind.values()) {
      out.add(k.word());
    }
    return out;
  }

  /** True when {@code text} mentions {@code noun} as a word, singular or plural. */
  static boolean mentions(String text, String noun) {
    String t = text.toLowerCase(Locale.ROOT);
    for (String form : Set.of(noun, plural(noun))) {
      if (Pattern.compile("\\b" + Pattern.quote(form) + "\\b").matcher(t).find()) {
        return true;
      }
    }
    return false;
  }

  /** A plural for the nouns here. */
  static String plural(String noun) {
    if (noun.endsWith("man")) {
      return noun.substring(0, noun.length() - 3) + "men";
    }
    if (noun.equals("person")) {
      return "people";
    }
    if (noun.equals("leaf")) {
      return "leaves";
    }
    if (noun.equals("shelf")) {
      return "shelves";
    }
    if (noun.equals("child")) {
      return "children";
    }
    if (noun.matches(".*(s|x|z|ch|sh)")) {
      return noun + "es";
    }
    if (noun.matches(".*[^aeiou]y")) {
      return noun.substring(0, noun.length() - 1) + "ies";
    }
    return noun + "s";
  }
}
