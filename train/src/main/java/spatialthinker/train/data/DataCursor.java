package spatialthinker.train.data;

import java.util.SplittableRandom;

/**
 * Where a run is in its data: the epoch and the offset into that epoch's permutation. Each epoch's
 * order is a pure function of the seed and the epoch number, so a resumed run sees exactly the
 * order an uninterrupted one would.
 */
public record DataCursor(long epoch, int offset) {

  public DataCursor {
    if (epoch < 0 || offset < 0) {
      throw new IllegalArgumentException("cursor epoch and offset must be >= 0");
    }
  }

  /** The start of the first epoch. */
  public static final DataCursor START = new DataCursor(0, 0);

  /** The next {@code k} row indices out of {@code n}, and the cursor after them. */
  public Next next(int k, int n, long seed) {
    int[] out = new int[k];
    long e = epoch;
    int o = offset;
    int[] perm = permutation(n, seed, e);
    for (int i = 0; i < k; i++) {
      if (o >= n) {
        e++;
        o = 0;
        perm = permutation(n, seed, e);
      }
      out[i] = perm[o++];
    }
    return new Next(out, new DataCursor(e, o));
  }

  /** Indices drawn and the cursor after them. */
  public record Next(int[] indices, DataCursor cursor) {}

  static int[] permutation(int n, long seed, long epoch) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
