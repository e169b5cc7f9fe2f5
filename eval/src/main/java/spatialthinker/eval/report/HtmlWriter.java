package spatialthinker.eval.report;

/** Builds HTML text: markup is appended as given, text is escaped. */
final class HtmlWriter {

  private final StringBuilder b = new StringBuilder(1 << 16);

  /** Appends markup as it is. */
  HtmlWriter raw(String markup) {
    b.append(markup);
    return this;
  }

  /** Appends text, escaped for element content and attribute values. */
  HtmlWriter text(String text) {
    b.append(escape(text));
    return this;
  }

  /** Appends {@code <tag class="cls">text</tag>} with the text escaped. */
  HtmlWriter element(String tag, String cls, String text) {
    b.append('<').append(tag);
    if (!cls.isEmpty()) {
      b.append(" class=\"").append(cls).append('"');
    }
    return raw(">").text(text).raw("</" + tag + ">");
  }

  /**
   * The text with {@code & < > " '} replaced by entities: enough for element content and quoted
   * attribute values, so a model's response can never open a tag or a script.
   */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return b.toString();
  }
}
