package spatialthinker.train.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Hand-written SVG line charts: one line per arm, the mean over seeds at each step. */
public final class LearningCurves {

  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
  private static final int W = 640;
  private static final int H = 400;
  private static final int L = 60;
  private static final int R = 150;
  private static final int T = 40;
  private static final int B = 50;

  private LearningCurves() {}

  /**
   * Writes a chart of {@code series} (arm → step → mean value) titled {@code title} with y label
   * {@code yLabel}.
   */
  public static void write(
      Path file, String title, String yLabel, Map<String, TreeMap<Long, Double>> series) {
    double maxX = 1;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (TreeMap<Long, Double> s : series.values()) {
      for (Map.Entry<Long, Double> e : s.entrySet()) {
        maxX = Math.max(maxX, e.getKey());
        minY = Math.min(minY, e.getValue());
        maxY = Math.max(maxY, e.getValue());
      }
    }
    if (minY > maxY) {
      minY = 0;
      maxY = 1;
    }
    double pad = Math.max(1e-3, (maxY - minY) * 0.1);
    minY -= pad;
    maxY += pad;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n",
            W,
            H));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(W / 2.0, 20, title, "middle", 14));
    svg.append(line(L, H - B, W - R, H - B)).append(line(L, T, L, H - B));
    for (int i = 0; i <= 4; i++) {
      double y = minY + (maxY - minY) * i / 4;
      double py = py(y, minY, maxY);
      svg.append(text(L - 6, py + 4, String.format(Locale.ROOT, "%.3f", y), "end", 11));
      double x = maxX * i / 4;
      svg.append(
          text(px(x, maxX), H - B + 16, String.format(Locale.ROOT, "%.0f", x), "middle", 11));
    }
    svg.append(text((L + W - R) / 2.0, H - 12, "GRPO step", "middle", 12));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" text-anchor=\"middle\">%s"
                + "</text>%n",
            (T + H - B) / 2.0,
            (T + H - B) / 2.0,
            esc(yLabel)));
    int k = 0;
    for (Map.Entry<String, TreeMap<Long, Double>> s : series.entrySet()) {
      String colour = COLOURS[k % COLOURS.length];
      StringBuilder pts = new StringBuilder();
      for (Map.Entry<Long, Double> e : s.getValue().entrySet()) {
        pts.append(
            String.format(
                Locale.ROOT, "%.1f,%.1f ", px(e.getKey(), maxX), py(e.getValue(), minY, maxY)));
      }
      svg.append(
          String.format(
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
              colour, pts.toString().strip()));
      double ly = T + 10 + 18 * k;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\""
                  + " stroke-width=\"2\"/>%n",
              W - R + 10,
              ly,
              W - R + 30,
              ly,
              colour));
      svg.append(text(W - R + 36, ly + 4, s.getKey(), "start", 12));
      k++;
    }
    svg.append("</svg>\n");
    ResultsReport.write(file, svg.toString());
  }

  /** Mean over runs of a metric at each step. */
  public static TreeMap<Long, Double> mean(List<TreeMap<Long, Double>> runs) {
    TreeMap<Long, double[]> acc = new TreeMap<>();
    for (TreeMap<Long, Double> r : runs) {
      r.forEach(
          (step, v) -> {
            double[] a = acc.computeIfAbsent(step, s -> new double[2]);
            a[0] += v;
            a[1]++;
          });
    }
    TreeMap<Long, Double> out = new TreeMap<>();
    acc.forEach((step, a) -> out.put(step, a[0] / a[1]));
    return out;
  }

  private static double px(double x, double maxX) {
    return L + (W - L - R) * x / maxX;
  }

  private static double py(double y, double minY, double maxY) {
    return H - B - (H - B - T) * (y - minY) / (maxY - minY);
  }

  private static String line(double x1, double y1, double x2, double y2) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>%n",
        x1,
        y1,
        x2,
        y2);
  }

  private static String text(double x, double y, String s, String anchor, int size) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
        x,
        y,
        anchor,
        size,
        esc(s));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
