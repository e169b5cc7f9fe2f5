package spatialthinker.models;

/**
 * Bicubic resampling of 8-bit RGB as Pillow's {@code Image.resize(size, BICUBIC)} computes it: a =
 * -0.5 cubic kernel widened by the scale when shrinking, per-axis coefficients normalised to sum 1
 * and quantised to 22 fractional bits, a horizontal pass rounded and clipped to 8 bits, then a
 * vertical pass, each skipped when that axis keeps its size.
 */
final class PilResize {

  private static final int PRECISION_BITS = 32 - 8 - 2;

  private PilResize() {}

  private static double cubic(double x) {
    double a = -0.5;
    if (x < 0.0) {
      x = -x;
    }
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
  }

  /** Coefficients for one axis: per output index its first input index, count and weights. */
  private record Coeffs(int ksize, int[] bounds, int[] kk) {}

  private static Coeffs coeffs(int inSize, int outSize) {
    double scale = (double) inSize / outSize;
    double filterscale = Math.max(scale, 1.0);
    double support = 2.0 * filterscale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] bounds = new int[outSize * 2];
    int[] kk = new int[outSize * ksize];
    double[] k = new double[ksize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      double ww = 0.0;
      double ss = 1.0 / filterscale;
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      xmax -= xmin;
      for (int x = 0; x < xmax; x++) {
        double wt = cubic((x + xmin - center + 0.5) * ss);
        k[x] = wt;
        ww += wt;
      }
      for (int x = 0; x < ksize; x++) {
        double v = x < xmax ? (ww != 0.0 ? k[x] / ww : k[x]) : 0.0;
        kk[xx * ksize + x] =
            v < 0
                ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                : (int) (0.5 + v * (1 << PRECISION_BITS));
      }
      bounds[2 * xx] = xmin;
      bounds[2 * xx + 1] = xmax;
    }
    return new Coeffs(ksize, bounds, kk);
  }

  private static int clip8(int v) {
    int s = v >> PRECISION_BITS;
    return s < 0 ? 0 : Math.min(s, 255);
  }

  /** Resizes interleaved RGB {@code src} (w0 × h0) to w × h. */
  static int[] bicubic(int[] src, int w0, int h0, int w, int h) {
    int[] cur = src;
    int curW = w0;
    int curH = h0;
    Coeffs vert = coeffs(h0, h);
    if (w != w0) {
      Coeffs hc = coeffs(w0, w);
      // Only rows the vertical pass reads are computed, as Pillow does; the values are the same.
      int first = h != h0 ? vert.bounds[0] : 0;
      int last = h != h0 ? vert.bounds[2 * h - 2] + vert.bounds[2 * h - 1] : h0;
      int rows = last - first;
      int[] out = new int[rows * w * 3];
      for (int yy = 0; yy < rows; yy++) {
        int srcRow = (yy + first) * curW * 3;
        for (int xx = 0; xx < w; xx++) {
          int xmin = hc.bounds[2 * xx];
          int xmax = hc.bounds[2 * xx + 1];
          int kb = xx * hc.ksize;
          int s0 = 1 << (PRECISION_BITS - 1);
          int s1 = s0;
          int s2 = s0;
          for (int x = 0; x < xmax; x++) {
            int k = hc.kk[kb + x];
            int o = srcRow + (x + xmin) * 3;
            s0 += cur[o] * k;
            s1 += cur[o + 1] * k;
            s2 += cur[o + 2] * k;
          }
          int d = (yy * w + xx) * 3;
          out[d] = clip8(s0);
          out[d + 1] = clip8(s1);
          out[d + 2] = clip8(s2);
        }
      }
      cur = out;
      curW = w;
      curH = rows;
      if (h != h0) {
        int[] b = vert.bounds.clone();
        for (int i = 0; i < h; i++) {
          b[2 * i] -= first;
        }
        vert = new Coeffs(vert.ksize, b, vert.kk);
      }
    }
    if (h != h0) {
      int[] out = new int[h * curW * 3];
      for (int yy = 0; yy < h; yy++) {
        int ymin = vert.bounds[2 * yy];
        int ymax = vert.bounds[2 * yy + 1];
        int kb = yy * vert.ksize;
        for (int xx = 0; xx < curW; xx++) {
          int s0 = 1 << (PRECISION_BITS - 1);
          int s1 = s0;
          int s2 = s0;
          for (int y = 0; y < ymax; y++) {
            int k = vert.kk[kb + y];
            int o = ((y + ymin) * curW + xx) * 3;
            s0 += cur[o] * k;
            s1 += cur[o + 1] * k;
            s2 += cur[o + 2] * k;
          }
          int d = (yy * curW + xx) * 3;
          out[d] = clip8(s0);
          out[d + 1] = clip8(s1);
          out[d + 2] = clip8(s2);
        }
      }
      cur = out;
      curH = h;
    }
    if (curH != h) {
      throw new IllegalStateException("resize produced " + curH + " rows, expected " + h);
    }
    return cur;
  }
}
