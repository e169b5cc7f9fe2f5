package spatialthinker.models;

import java.util.List;

/**
 * The 3D (temporal, height, width) position ids of Qwen2.5-VL's M-RoPE, as {@code get_rope_index}
 * computes them: text tokens count up on all three axes; an image's tokens take the position after
 * the preceding text plus their (0, row, column) in the merged grid; the text after an image starts
 * at that position plus the larger grid side.
 */
public final class RopeIndex {

  /** Positions [3][length] and the delta that continues them for generated tokens. */
  public record Positions(long[][] ids, long delta) {
    public int length() {
      return ids[0].length;
    }
  }

  private RopeIndex() {}

  /**
   * @param grids per image in order, its (t, h, w) patch grid
   */
  public static Positions of(int[] tokens, int imageTokenId, List<int[]> grids, int mergeSize) {
    long[][] pos = new long[3][tokens.length];
    long current = 0;
    int image = 0;
    int i = 0;
    long max = -1;
    while (i < tokens.length) {
      if (tokens[i] != imageTokenId) {
        for (int a = 0; a < 3; a++) {
          pos[a][i] = current;
        }
        max = Math.max(max, current);
        current++;
        i++;
        continue;
      }
      if (image >= grids.size()) {
        throw new IllegalArgumentException(
            "prompt has more image placeholders than the " + grids.size() + " image(s) given");
      }
      int[] g = grids.get(image++);
      int lt = g[0];
      int lh = g[1] / mergeSize;
      int lw = g[2] / mergeSize;
      int n = lt * lh * lw;
      if (i + n > tokens.length) {
        throw new IllegalArgumentException(
            "image " + image + " needs " + n + " placeholder tokens, the prompt has fewer");
      }
      int k = i;
      for (int t = 0; t < lt; t++) {
        for (int y = 0; y < lh; y++) {
          for (int x = 0; x < lw; x++) {
            if (tokens[k] != imageTokenId) {
              throw new IllegalArgumentException(
                  "image " + image + " needs " + n + " consecutive placeholder tokens at " + i);
            }
            pos[0][k] = current + t;
            pos[1][k] = current + y;
            pos[2][k] = current + x;
            max = Math.max(max, Math.max(current + t, Math.max(current + y, current + x)));
            k++;
          }
        }
      }
      i = k;
      current += Math.max(lh, lw);
    }
    if (image != grids.size()) {
      throw new IllegalArgumentException(
          "prompt has placeholders for " + image + " image(s) but " + grids.size() + " were given");
    }
    return new Positions(pos, max + 1 - tokens.length);
  }
}
