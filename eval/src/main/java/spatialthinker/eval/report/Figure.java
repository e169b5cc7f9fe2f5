package spatialthinker.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;

/**
 * An image with boxes drawn over it: an {@code <img>} (its source filled in by the page's script
 * from the {@link ImageStore}) under an SVG whose view box is the pixel frame the boxes are in.
 *
 * @param image the stored image, if there is one
 * @param width width of the boxes' pixel frame
 * @param height height of the boxes' pixel frame
 * @param marks the boxes
 */
record Figure(Optional<ImageStore.Stored> image, int width, int height, List<Mark> marks) {

  /** Ground truth is drawn solid green, predictions dashed orange, so both show where they meet. */
  enum Kind {
    TRUTH("truth"),
    PREDICTED("pred");

    final String cls;

    Kind(String cls) {
      this.cls = cls;
    }
  }

  /** One labelled box. */
  record Mark(String label, Box box, Kind kind) {}

  Figure {
    Objects.requireNonNull(image, "image");
    marks = List.copyOf(marks);
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("figure size must be positive: " + width + "x" + height);
    }
  }

  /** The marks of a scene graph's objects. */
  static List<Mark> marks(Optional<SceneGraph> graph, Kind kind) {
    List<Mark> out = new ArrayList<>();
    graph.ifPresent(
        g -> {
          for (SceneObject o : g.objects()) {
            out.add(new Mark(o.id(), o.bbox(), kind));
          }
        });
    return out;
  }

  /** Appends the figure's markup. */
  void render(HtmlWriter h, String alt) {
    h.raw(
        String.format(
            Locale.ROOT, "<div class=\"fig\" style=\"aspect-ratio:%d/%d\">", width, height));
    if (image.isPresent()) {
      h.raw("<img data-img=\"" + image.get().key() + "\" alt=\"").text(alt).raw("\">");
    } else {
      h.raw("<div class=\"noimg\">image not available</div>");
    }
    h.raw(
        String.format(
            Locale.ROOT,
            "<svg viewBox=\"0 0 %d %d\" preserveAspectRatio=\"none\"" + ">",
            width,
            height));
    double stroke = Math.max(width, height) / 150.0;
    double font = Math.max(width, height) / 22.0;
    for (Mark m : marks) {
      Box b = m.box();
      h.raw(
          String.format(
              Locale.ROOT,
              "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                  + " stroke-width=\"%.2f\"/>",
              m.kind().cls,
              Math.min(b.x1(), b.x2()),
              Math.min(b.y1(), b.y2()),
              Math.abs(b.width()),
              Math.abs(b.height()),
              stroke));
    }
    // Labels after every box, so none is hidden under another box's outline.
    List<double[]> placed = new ArrayList<>();
    for (Mark m : marks) {
      double[] at = labelPosition(m, font, stroke, placed);
      h.raw(
              String.format(
                  Locale.ROOT,
                  "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\""
                      + " stroke-width=\"%.2f\">",
                  m.kind().cls,
                  at[0],
                  at[1],
                  font,
                  font / 4.5))
          .text(m.label())
          .raw("</text>");
    }
    h.raw("</svg></div>");
  }

  /**
   * Where a label goes: above a true box, below a predicted one, inside the frame, and moved down a
   * line at a time (a few times at most) while it would cover a label already placed.
   */
  private double[] labelPosition(Mark m, double font, double stroke, List<double[]> placed) {
    Box b = m.box();
    double w = m.label().length() * font * 0.7; // bold sans-serif, a little generous
    double x = Math.max(0, Math.min(Math.min(b.x1(), b.x2()), width - w));
    double top = Math.min(b.y1(), b.y2());
    double y = m.kind() == Kind.TRUTH ? top - stroke : top + Math.abs(b.height()) + font;
    if (y < font) {
      y = top + font;
    }
    y = Math.min(y, height - stroke);
    for (int tries = 0; tries < 4 && overlaps(x, y, w, font, placed); tries++) {
      y = Math.min(y + font * 1.05, height - stroke);
    }
    placed.add(new double[] {x, y, w, font});
    return new double[] {x, y};
  }

  private static boolean overlaps(double x, double y, double w, double hgt, List<double[]> placed) {
    for (double[] p : placed) {
      if (x < p[0] + p[2] && p[0] < x + w && y - hgt < p[1] && p[1] - p[3] < y) {
        return true;
      }
    }
    return false;
  }
}
