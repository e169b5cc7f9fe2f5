package spatialthinker.core.geometry;

/**
 * An axis-aligned box {@code [x1, y1, x2, y2]} in pixels or normalised coordinates.
 *
 * <p>Coordinates must be finite. The order {@code x1 < x2, y1 < y2} is not enforced because model
 * output is scored as written (the reference reward accepts any four numbers); {@link #isProper()}
 * tells whether it holds. The overlap measures follow the usual definitions; {@link #ciou} uses
 * {@code eps = 1e-7} exactly where the reference reward does.
 */
public record Box(double x1, double y1, double x2, double y2) {

  /** The epsilon of the reference CIoU: added to the union, the enclosing diagonal and heights. */
  public static final double CIOU_EPS = 1e-7;

  public Box {
    if (!Double.isFinite(x1)
        || !Double.isFinite(y1)
        || !Double.isFinite(x2)
        || !Double.isFinite(y2)) {
      throw new IllegalArgumentException(
          "box coordinates must be finite: [" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "]");
    }
  }

  /** Box from a 4-element array {@code [x1, y1, x2, y2]}. */
  public static Box of(double[] xyxy) {
    if (xyxy.length != 4) {
      throw new IllegalArgumentException("a box needs 4 numbers, got " + xyxy.length);
    }
    return new Box(xyxy[0], xyxy[1], xyxy[2], xyxy[3]);
  }

  public double width() {
    return x2 - x1;
  }

  public double height() {
    return y2 - y1;
  }

  /** Signed area (negative for an inverted box, as the reference computes it). */
  public double area() {
    return width() * height();
  }

  /** True when {@code x1 < x2} and {@code y1 < y2}. */
  public boolean isProper() {
    return x1 < x2 && y1 < y2;
  }

  /** This box with x multiplied by {@code sx} and y by {@code sy}. */
  public Box scale(double sx, double sy) {
    return new Box(x1 * sx, y1 * sy, x2 * sx, y2 * sy);
  }

  public double[] toArray() {
    return new double[] {x1, y1, x2, y2};
  }

  /** Intersection over union; 0 when the union is 0. */
  public double iou(Box o) {
    double inter = intersection(o);
    double union = area() + o.area() - inter;
    return union == 0 ? 0.0 : inter / union;
  }

  /** Generalised IoU, in [-1, 1] for proper boxes; equals IoU when the enclosing box is empty. */
  public double giou(Box o) {
    double inter = intersection(o);
    double union = area() + o.area() - inter;
    double iou = union > 0 ? inter / union : 0.0;
    double cw = Math.max(x2, o.x2) - Math.min(x1, o.x1);
    double ch = Math.max(y2, o.y2) - Math.min(y1, o.y1);
    double enclosing = cw * ch;
    if (enclosing == 0) {
      return iou;
    }
    return iou - (enclosing - union) / enclosing;
  }

  /** GIoU mapped to [0, 1] as {@code (giou + 1) / 2}. */
  public double giou01(Box o) {
    return (giou(o) + 1.0) / 2.0;
  }

  /**
   * Complete IoU: IoU minus the normalised centre distance and the aspect-ratio penalty, in [-1, 1]
   * for proper boxes. Computed exactly as the reference reward does (same operation order).
   */
  public double ciou(Box o) {
    double wA = x2 - x1;
    double hA = y2 - y1;
    double wB = o.x2 - o.x1;
    double hB = o.y2 - o.y1;
    double inter = intersection(o);
    double union = wA * hA + wB * hB - inter + CIOU_EPS;
    double iou = inter / union;
    double dx = (x1 + x2) / 2 - (o.x1 + o.x2) / 2;
    double dy = (y1 + y2) / 2 - (o.y1 + o.y2) / 2;
    double centerDistSq = dx * dx + dy * dy;
    double ew = Math.max(x2, o.x2) - Math.min(x1, o.x1);
    double eh = Math.max(y2, o.y2) - Math.min(y1, o.y1);
    double diagSq = ew * ew + eh * eh + CIOU_EPS;
    double da = Math.atan(wB / (hB + CIOU_EPS)) - Math.atan(wA / (hA + CIOU_EPS));
    double v = (4 / (Math.PI * Math.PI)) * (da * da);
    double withV = (1 - iou) + v;
    double alpha = withV != 0 ? v / withV : 0.0;
    return iou - (centerDistSq / diagSq + alpha * v);
  }

  /** CIoU mapped to [0, 1] as {@code (ciou + 1) / 2}. */
  public double ciou01(Box o) {
    return (ciou(o) + 1) / 2;
  }

  private double intersection(Box o) {
    double iw = Math.max(0.0, Math.min(x2, o.x2) - Math.max(x1, o.x1));
    double ih = Math.max(0.0, Math.min(y2, o.y2) - Math.max(y1, o.y1));
    return iw * ih;
  }
}
