package spatialthinker.scenes;

import java.util.Locale;

/** The object colours, chosen to be told apart at a glance; values are sRGB. */
public enum Colour {
  GRAY(0x80, 0x80, 0x80),
  RED(0xC0, 0x2A, 0x2A),
  BLUE(0x2A, 0x4B, 0xD7),
  GREEN(0x1D, 0x8A, 0x24),
  BROWN(0x81, 0x4A, 0x19),
  PURPLE(0x81, 0x26, 0xC0),
  CYAN(0x29, 0xD0, 0xD0),
  YELLOW(0xF0, 0xD8, 0x20),
  WHITE(0xEB, 0xEB, 0xEB);

  private final int r;
  private final int g;
  private final int b;

  Colour(int r, int g, int b) {
    this.r = r;
    this.g = g;
    this.b = b;
  }

  /** The colour word: {@code red}, {@code blue}, ... */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Packed {@code 0xRRGGBB} sRGB value. */
  public int rgb() {
    return (r << 16) | (g << 8) | b;
  }

  /** The colour named by {@code word}. */
  public static Colour of(String word) {
    for (Colour c : values()) {
      if (c.word().equals(word)) {
        return c;
      }
    }
    throw new IllegalArgumentException("color '" + word + "' is not a known colour");
  }
}
