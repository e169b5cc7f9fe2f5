package spatialthinker.train.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the pieces the tokenizer looks up: tags, scene-JSON pieces, words (ASCII
 * letters, with the single space before them if any), digit runs, and single characters.
 */
final class Pieces {

  private static final List<String> SPECIAL = specials();

  private Pieces() {}

  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    outer:
    while (i < n) {
      char c = s.charAt(i);
      if (c == '<' || c == '{' || c == '"' || c == ']') {
        for (String sp : SPECIAL) {
          if (s.startsWith(sp, i)) {
            out.add(sp);
            i += sp.length();
            continue outer;
          }
        }
      }
      if (isLetter(c) || (c == ' ' && i + 1 < n && isLetter(s.charAt(i + 1)))) {
        int j = c == ' ' ? i + 1 : i;
        while (j < n && isLetter(s.charAt(j))) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else if (isDigit(c)) {
        int j = i;
        while (j < n && isDigit(s.charAt(j))) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else {
        int cp = s.codePointAt(i);
        int len = Character.charCount(cp);
        out.add(s.substring(i, i + len));
        i += len;
      }
    }
    return out;
  }

  static boolean isWord(String piece) {
    int start = piece.startsWith(" ") ? 1 : 0;
    if (piece.length() <= start) {
      return false;
    }
    for (int i = start; i < piece.length(); i++) {
      if (!isLetter(piece.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isNumber(String piece) {
    if (piece.isEmpty()) {
      return false;
    }
    for (int i = 0; i < piece.length(); i++) {
      if (!isDigit(piece.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static List<String> specials() {
    List<String> all = new ArrayList<>(Tokenizer.TAGS);
    all.addAll(Tokenizer.JSON_PIECES);
    all.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return List.copyOf(all);
  }
}
