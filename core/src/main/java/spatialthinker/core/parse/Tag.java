package spatialthinker.core.parse;

/** The four tags of the SpatialThinker output format, in the order the model writes them. */
public enum Tag {
  OBSERVE("observe"),
  SCENE("scene"),
  THINK("think"),
  ANSWER("answer");

  private final String open;
  private final String close;

  Tag(String name) {
    this.open = "<" + name + ">";
    this.close = "</" + name + ">";
  }

  /** The opening tag, e.g. {@code <scene>}. */
  public String open() {
    return open;
  }

  /** The closing tag, e.g. {@code </scene>}. */
  public String close() {
    return close;
  }
}
