package spatialthinker.scenes.render;

import java.util.Optional;

/**
 * What one render produced: colours, which object every sample and pixel shows, and per object its
 * box and visibility. A frame is owned by its {@link Renderer} and overwritten by the next render.
 *
 * <p>Every pixel is traced with 2×2 samples. A sample shows the nearest object its ray meets; a
 * pixel shows the object most of its samples show (ties go to an object over the background, then
 * to the first such sample in row-major order). An object's box is the extent of the pixels that
 * show it; its visible fraction is the samples that show it over the samples whose rays meet it at
 * all (its silhouette, as if nothing stood in front).
 */
public final class Frame {

  final int width;
  final int height;
  final int[] rgb;
  final byte[] sampleIds;
  final byte[] pixelIds;
  int objectCount;
  int[] visibleSamples = new int[8];
  int[] silhouetteSamples = new int[8];
  int[] pixelCounts = new int[8];
  int[] boxes = new int[8 * 4];

  Frame(int width, int height) {
    this.width = width;
    this.height = height;
    this.rgb = new int[width * height];
    this.sampleIds = new byte[4 * width * height];
    this.pixelIds = new byte[width * height];
  }

  void reset(int objects) {
    objectCount = objects;
    if (visibleSamples.length < objects) {
      visibleSamples = new int[objects];
      silhouetteSamples = new int[objects];
      pixelCounts = new int[objects];
      boxes = new int[objects * 4];
    }
    java.util.Arrays.fill(visibleSamples, 0);
    java.util.Arrays.fill(silhouetteSamples, 0);
    java.util.Arrays.fill(pixelCounts, 0);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int objectCount() {
    return objectCount;
  }

  /** Packed {@code 0xRRGGBB} sRGB colour of pixel (x, y). */
  public int rgb(int x, int y) {
    return rgb[y * width + x];
  }

  /** The index of the object pixel (x, y) shows, or -1 for the ground or sky. */
  public int objectAt(int x, int y) {
    return pixelIds[y * width + x] - 1;
  }

  /** The object sample (sx, sy) of the 2W×2H sample grid shows, or -1. */
  public int sampleObject(int sx, int sy) {
    return sampleIds[sy * 2 * width + sx] - 1;
  }

  /** Samples showing object {@code k}. */
  public int visibleSamples(int k) {
    return visibleSamples[k];
  }

  /** Samples whose rays meet object {@code k}, hidden or not. */
  public int silhouetteSamples(int k) {
    return silhouetteSamples[k];
  }

  /** Visible samples over silhouette samples; 0 when the object is out of view. */
  public double visibleFraction(int k) {
    return silhouetteSamples[k] == 0 ? 0 : (double) visibleSamples[k] / silhouetteSamples[k];
  }

  /** Pixels showing object {@code k}. */
  public int pixelCount(int k) {
    return pixelCounts[k];
  }

  /**
   * Object {@code k}'s box {@code [x1, y1, x2, y2]} in pixel edges: from the left edge of its
   * leftmost pixel to the right edge of its rightmost, so {@code x2 - x1} is its width in pixels.
   * Empty when no pixel shows it.
   */
  public Optional<int[]> box(int k) {
    if (pixelCounts[k] == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new int[] {boxes[4 * k], boxes[4 * k + 1], boxes[4 * k + 2], boxes[4 * k + 3]});
  }

  /** A copy of the colours, row-major {@code 0xRRGGBB}. */
  public int[] pixels() {
    return rgb.clone();
  }

  // Resolves pixel ids from samples, then boxes and pixel counts from pixel ids.
  void finish() {
    int sw = 2 * width;
    for (int k = 0; k < objectCount; k++) {
      boxes[4 * k] = Integer.MAX_VALUE;
      boxes[4 * k + 1] = Integer.MAX_VALUE;
      boxes[4 * k + 2] = Integer.MIN_VALUE;
      boxes[4 * k + 3] = Integer.MIN_VALUE;
    }
    for (int y = 0; y < height; y++) {
      int s = 2 * y * sw;
      for (int x = 0; x < width; x++) {
        int a = sampleIds[s + 2 * x];
        int b = sampleIds[s + 2 * x + 1];
        int c = sampleIds[s + sw + 2 * x];
        int d = sampleIds[s + sw + 2 * x + 1];
        int id = majority(a, b, c, d);
        pixelIds[y * width + x] = (byte) id;
        if (id > 0) {
          int k = id - 1;
          pixelCounts[k]++;
          int o = 4 * k;
          if (x < boxes[o]) {
            boxes[o] = x;
          }
          if (y < boxes[o + 1]) {
            boxes[o + 1] = y;
          }
          if (x + 1 > boxes[o + 2]) {
            boxes[o + 2] = x + 1;
          }
          if (y + 1 > boxes[o + 3]) {
            boxes[o + 3] = y + 1;
          }
        }
      }
    }
  }

  /** The majority rule of the class comment over four sample ids (0 is the background). */
  static int majority(int a, int b, int c, int d) {
    if (a == b && b == c && c == d) {
      return a;
    }
    int best = a;
    int bestCount = count(a, a, b, c, d);
    int n = count(b, a, b, c, d);
    if (better(n, b, bestCount, best)) {
      best = b;
      bestCount = n;
    }
    n = count(c, a, b, c, d);
    if (better(n, c, bestCount, best)) {
      best = c;
      bestCount = n;
    }
    n = count(d, a, b, c, d);
    return better(n, d, bestCount, best) ? d : best;
  }

  private static int count(int id, int a, int b, int c, int d) {
    return (id == a ? 1 : 0) + (id == b ? 1 : 0) + (id == c ? 1 : 0) + (id == d ? 1 : 0);
  }

  private static boolean better(int count, int id, int bestCount, int best) {
    return count > bestCount || (count == bestCount && best == 0 && id != 0);
  }
}
