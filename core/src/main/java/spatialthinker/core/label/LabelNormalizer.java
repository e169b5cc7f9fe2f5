package spatialthinker.core.label;

import java.util.Locale;
import java.util.Map;

/**
 * Normalises labels and ids before they are compared: drops the {@code .N} suffix, turns {@code _}
 * and {@code -} into spaces, lower-cases, collapses white space, and puts the last word in the
 * singular ({@code Coffee_Mugs.3} becomes {@code coffee mug}); plural-only nouns stay plural
 * ({@code pants}).
 */
public final class LabelNormalizer {

  private static final Map<String, String> IRREGULAR =
      Map.ofEntries(
          Map.entry("people", "person"),
          Map.entry("men", "man"),
          Map.entry("women", "woman"),
          Map.entry("children", "child"),
          Map.entry("feet", "foot"),
          Map.entry("teeth", "tooth"),
          Map.entry("mice", "mouse"),
          Map.entry("geese", "goose"),
          Map.entry("oxen", "ox"),
          Map.entry("knives", "knife"),
          Map.entry("wives", "wife"),
          Map.entry("lives", "life"),
          Map.entry("leaves", "leaf"),
          Map.entry("shelves", "shelf"),
          Map.entry("wolves", "wolf"),
          Map.entry("halves", "half"),
          Map.entry("calves", "calf"),
          Map.entry("loaves", "loaf"),
          Map.entry("scarves", "scarf"),
          Map.entry("dice", "die"),
          Map.entry("cacti", "cactus"),
          Map.entry("buses", "bus"),
          Map.entry("glasses", "glass"),
          Map.entry("boxes", "box"),
          Map.entry("tomatoes", "tomato"),
          Map.entry("potatoes", "potato"),
          Map.entry("shoes", "shoe"),
          Map.entry("toes", "toe"),
          Map.entry("horses", "horse"),
          Map.entry("houses", "house"),
          Map.entry("vases", "vase"),
          Map.entry("cases", "case"),
          Map.entry("bases", "base"),
          Map.entry("plates", "plate"),
          Map.entry("clothes", "clothes"),
          Map.entry("pants", "pants"),
          Map.entry("jeans", "jeans"),
          Map.entry("shorts", "shorts"),
          Map.entry("scissors", "scissors"),
          Map.entry("sheep", "sheep"),
          Map.entry("fish", "fish"),
          Map.entry("deer", "deer"),
          Map.entry("series", "series"),
          Map.entry("species", "species"),
          // Plurals the suffix rules get wrong: -is and -us plurals are kept as if singular,
          // -ies of words ending in -ie would become -y, -oes of -o words would keep the e.
          Map.entry("skis", "ski"),
          Map.entry("taxis", "taxi"),
          Map.entry("kiwis", "kiwi"),
          Map.entry("menus", "menu"),
          Map.entry("cookies", "cookie"),
          Map.entry("movies", "movie"),
          Map.entry("brownies", "brownie"),
          Map.entry("hoodies", "hoodie"),
          Map.entry("beanies", "beanie"),
          Map.entry("veggies", "veggie"),
          Map.entry("magpies", "magpie"),
          Map.entry("mangoes", "mango"),
          Map.entry("volcanoes", "volcano"),
          Map.entry("dominoes", "domino"),
          Map.entry("heroes", "hero"),
          Map.entry("echoes", "echo"),
          Map.entry("quizzes", "quiz"),
          Map.entry("mustaches", "mustache"),
          Map.entry("moustaches", "moustache"),
          Map.entry("headaches", "headache"),
          Map.entry("lenses", "lens"),
          // Singular words that end in s.
          Map.entry("lens", "lens"),
          Map.entry("canvas", "canvas"),
          Map.entry("atlas", "atlas"),
          Map.entry("news", "news"),
          Map.entry("goggles", "goggles"),
          // VG150's class list singularised these plural-only nouns; fold them back so that a
          // ground-truth "pant" and a predicted "pants" are the same label.
          Map.entry("pant", "pants"),
          Map.entry("jean", "jeans"),
          Map.entry("short", "shorts"));

  private LabelNormalizer() {}

  /** The normalised label of a label or id. */
  public static String normalize(String label) {
    int dot = label.indexOf('.');
    int end = dot < 0 ? label.length() : dot;
    // One pass: separators to single spaces, no leading or trailing space (no regex: hot path).
    StringBuilder b = new StringBuilder(end);
    boolean pendingSpace = false;
    for (int i = 0; i < end; i++) {
      char c = label.charAt(i);
      if (c == '_' || c == '-' || Character.isWhitespace(c)) {
        pendingSpace = b.length() > 0;
      } else {
        if (pendingSpace) {
          b.append(' ');
          pendingSpace = false;
        }
        b.append(c);
      }
    }
    String s = b.toString().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      return s;
    }
    int space = s.lastIndexOf(' ');
    String head = s.substring(0, space + 1);
    String last = s.substring(space + 1);
    return head + singular(last);
  }

  /** English singular of one lower-case word, by irregular forms then suffix rules. */
  static String singular(String w) {
    String irregular = IRREGULAR.get(w);
    if (irregular != null) {
      return irregular;
    }
    int n = w.length();
    if (n <= 3 || !w.endsWith("s")) {
      return w;
    }
    if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is") || w.endsWith("ous")) {
      return w;
    }
    if (w.endsWith("ies") && n > 4) {
      return w.substring(0, n - 3) + "y";
    }
    // Not -zes: size, prize and maze are far more common than waltz or quiz.
    if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
      return w.substring(0, n - 2);
    }
    return w.substring(0, n - 1);
  }
}
