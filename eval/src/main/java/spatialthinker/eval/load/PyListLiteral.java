package spatialthinker.eval.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a list of strings written as a Python or JSON literal ({@code ['left', "it's"]}), the form
 * some Hub datasets store options in (MMMU-Pro, SpatialReasonerEval). Numbers become their text;
 * anything else is not a list.
 */
public final class PyListLiteral {

  private final String s;
  private int pos;

  private PyListLiteral(String s) {
    this.s = s;
  }

  /** The strings of the literal, or empty when the text is not a flat list literal. */
  public static Optional<List<String>> parse(String text) {
    PyListLiteral p = new PyListLiteral(text.strip());
    try {
      return Optional.of(p.list());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private List<String> list() {
    expect('[');
    List<String> out = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return end(out);
    }
    while (true) {
      skipSpace();
      out.add(item());
      skipSpace();
      char c = next();
      if (c == ']') {
        return end(out);
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or ]");
      }
      skipSpace();
      if (peek() == ']') {
        pos++;
        return end(out);
      }
    }
  }

  private List<String> end(List<String> out) {
    skipSpace();
    if (pos != s.length()) {
      throw new IllegalArgumentException("text after the list");
    }
    return out;
  }

  private String item() {
    char c = peek();
    if (c == '\'' || c == '"') {
      return quoted();
    }
    int start = pos;
    while (pos < s.length() && ",]".indexOf(s.charAt(pos)) < 0) {
      pos++;
    }
    String t = s.substring(start, pos).strip();
    if (!t.matches("-?\\d+(?:\\.\\d+)?")) {
      throw new IllegalArgumentException("not a string or number: " + t);
    }
    return t;
  }

  private String quoted() {
    char q = next();
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = next();
      if (c == q) {
        return b.toString();
      }
      if (c == '\\') {
        char e = next();
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalArgumentException("expected " + c);
    }
  }

  private char next() {
    if (pos >= s.length()) {
      throw new IllegalArgumentException("unexpected end");
    }
    return s.charAt(pos++);
  }

  private char peek() {
    if (pos >= s.length()) {
      throw new IllegalArgumentException("unexpected end");
    }
    return s.charAt(pos);
  }

  private void skipSpace() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }
}
