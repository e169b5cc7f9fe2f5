package spatialthinker.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn here rather than by a charting library so that the report needs no
 * script and no network to show them: lines over training steps, and horizontal grouped bars.
 * Titles and legends are left to the surrounding HTML.
 */
final class SvgChart {

  /**
   * One line.
   *
   * @param name legend name
   * @param colour CSS colour
   * @param xs x values, ascending
   * @param ys y values (NaN for a gap)
   * @param smooth draw the raw points faintly and an exponential moving average over them
   */
  record Series(String name, String colour, double[] xs, double[] ys, boolean smooth) {
    Series {
      if (xs.length != ys.length) {
        throw new IllegalArgumentException(
            "series " + name + ": " + xs.length + " x values but " + ys.length + " y values");
      }
    }
  }

  private static final int W = 440;
  private static final int H = 230;
  private static final int BAR_W = 360;
  private static final int LEFT = 46;
  private static final int RIGHT = 12;
  private static final int TOP = 10;
  private static final int BOTTOM = 30;

  private SvgChart() {}

  /** A line chart; an empty string when no series has a finite point. */
  static String lines(String xLabel, List<Series> series) {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.xs().length; i++) {
        if (Double.isFinite(s.ys()[i]) && Double.isFinite(s.xs()[i])) {
          xMin = Math.min(xMin, s.xs()[i]);
          xMax = Math.max(xMax, s.xs()[i]);
          yMin = Math.min(yMin, s.ys()[i]);
          yMax = Math.max(yMax, s.ys()[i]);
        }
      }
    }
    if (!Double.isFinite(xMin)) {
      return "";
    }
    if (yMin >= 0 && yMax <= 1 && yMax > 0.05) {
      yMin = 0; // proportions read best against a zero baseline
    }
    double[] yt = ticks(yMin, yMax);
    double[] xt = ticks(xMin, xMax);
    double y0 = yt[0];
    double y1 = yt[yt.length - 1];
    double x0 = Math.min(xMin, xt[0]);
    double x1 = Math.max(xMax, xt[xt.length - 1]);
    Frame f = new Frame(x0, x1 == x0 ? x0 + 1 : x1, y0, y1 == y0 ? y0 + 1 : y1);
    StringBuilder b = open(W, H);
    for (double t : yt) {
      double y = f.py(t);
      b.append(line(LEFT, y, W - RIGHT, y, "grid"));
      b.append(text(LEFT - 5, y + 3.5, "end", "tick", num(t)));
    }
    for (double t : xt) {
      if (t >= x0 && t <= f.x1) {
        b.append(text(f.px(t), H - BOTTOM + 14, "middle", "tick", num(t)));
      }
    }
    b.append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "axis"));
    b.append(text((LEFT + W - RIGHT) / 2.0, H - 4, "middle", "axis-label", xLabel));
    for (Series s : series) {
      if (s.smooth() && s.xs().length > 8) {
        b.append(path(f, s.xs(), s.ys(), s.colour(), 1.0, 0.25));
        b.append(path(f, s.xs(), ema(s.ys(), 0.15), s.colour(), 2.2, 1.0));
      } else {
        b.append(path(f, s.xs(), s.ys(), s.colour(), 2.0, 1.0));
        for (int i = 0; i < s.xs().length && s.xs().length <= 40; i++) {
          if (Double.isFinite(s.ys()[i])) {
            b.append(
                String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"%s\"/>",
                    f.px(s.xs()[i]),
                    f.py(s.ys()[i]),
                    s.colour()));
          }
        }
      }
    }
    return b.append("</svg>").toString();
  }

  /**
   * Horizontal grouped bars: one row per label, one bar per series in each row.
   *
   * @param colours one CSS colour per series
   */
  static String bars(DataSection.Bars bars, List<String> colours) {
    int groups = bars.series().size();
    int rowH = 8 + 14 * groups;
    int labelW = 112;
    int valueW = 48;
    int height = TOP + rowH * bars.labels().size() + 6;
    double max = 0;
    for (DataSection.BarSeries s : bars.series()) {
      for (double v : s.values()) {
        max = Math.max(max, v);
      }
    }
    double scale = max > 0 ? (BAR_W - labelW - valueW) / max : 0;
    StringBuilder b = open(BAR_W, height);
    for (int r = 0; r < bars.labels().size(); r++) {
      double top = TOP + r * rowH;
      b.append(text(labelW - 8, top + rowH / 2.0 + 1, "end", "bar-label", bars.labels().get(r)));
      for (int g = 0; g < groups; g++) {
        double v = bars.series().get(g).values()[r];
        double y = top + 4 + g * 14;
        b.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"12\" rx=\"2\" fill=\"%s\">"
                    + "<title>%s</title></rect>",
                labelW,
                y,
                Math.max(v * scale, 0.5),
                colours.get(g % colours.size()),
                HtmlWriter.escape(
                    bars.series().get(g).name()
                        + ", "
                        + bars.labels().get(r)
                        + ": "
                        + value(bars, v))));
        b.append(text(labelW + v * scale + 4, y + 10, "start", "bar-value", value(bars, v)));
      }
    }
    b.append(line(labelW, TOP - 2, labelW, height - 4, "axis"));
    return b.append("</svg>").toString();
  }

  private static String value(DataSection.Bars bars, double v) {
    return bars.percent()
        ? String.format(Locale.ROOT, "%.1f%%", 100 * v)
        : String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  private record Frame(double x0, double x1, double y0, double y1) {
    double px(double x) {
      return LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT);
    }

    double py(double y) {
      return H - BOTTOM - (y - y0) / (y1 - y0) * (H - TOP - BOTTOM);
    }
  }

  private static StringBuilder open(int width, int height) {
    return new StringBuilder(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\"" + ">",
            width,
            height));
  }

  private static String path(
      Frame f, double[] xs, double[] ys, String colour, double width, double opacity) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (int i = 0; i < xs.length; i++) {
      if (!Double.isFinite(ys[i])) {
        pen = false;
        continue;
      }
      d.append(pen ? 'L' : 'M')
          .append(String.format(Locale.ROOT, "%.1f,%.1f", f.px(xs[i]), f.py(ys[i])));
      pen = true;
    }
    return String.format(
        Locale.ROOT,
        "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" stroke-opacity=\"%.2f\""
            + " stroke-linejoin=\"round\"/>",
        d,
        colour,
        width,
        opacity);
  }

  private static String line(double x1, double y1, double x2, double y2, String cls) {
    return String.format(
        Locale.ROOT,
        "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
        cls,
        x1,
        y1,
        x2,
        y2);
  }

  private static String text(double x, double y, String anchor, String cls, String s) {
    return String.format(
        Locale.ROOT,
        "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        cls,
        x,
        y,
        anchor,
        HtmlWriter.escape(s));
  }

  /** Exponential moving average, skipping gaps; {@code alpha} is the weight of a new point. */
  static double[] ema(double[] ys, double alpha) {
    double[] out = new double[ys.length];
    double m = Double.NaN;
    for (int i = 0; i < ys.length; i++) {
      if (Double.isFinite(ys[i])) {
        m = Double.isNaN(m) ? ys[i] : m + alpha * (ys[i] - m);
      }
      out[i] = Double.isFinite(ys[i]) ? m : Double.NaN;
    }
    return out;
  }

  /** Four to six round tick values covering [lo, hi]. */
  static double[] ticks(double lo, double hi) {
    if (hi - lo < 1e-12) {
      double pad = Math.abs(lo) > 1e-12 ? Math.abs(lo) * 0.1 : 1;
      lo -= pad;
      hi += pad;
    }
    double raw = (hi - lo) / 4;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      step = m * mag;
      if (step >= raw) {
        break;
      }
    }
    double start = Math.floor(lo / step) * step;
    List<Double> out = new ArrayList<>();
    for (double t = start; t < hi + step * 0.999; t += step) {
      out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static String num(double v) {
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10 || a == 0) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    String s = String.format(Locale.ROOT, a >= 1 ? "%.1f" : "%.3f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
