package spatialthinker.scenes.render;

import java.util.ArrayList;
import java.util.List;
import spatialthinker.scenes.Material;
import spatialthinker.scenes.world.WorldObject;

/**
 * The analytic model of each kind, in the object's local frame and scaled by its size class. The
 * models are built so that the features showing the front (backrest, cabin and lamps, nose and
 * eyes) are large enough to see at 256 pixels, and so that every part stays inside the object's
 * footprint prism and its stated height.
 */
public final class Models {

  private static final int BLACK = 0x151515;
  private static final int TYRE = 0x222222;
  private static final int GLASS = 0x1C2533;
  private static final int HEADLAMP = 0xFFF2A8;
  private static final int TAILLAMP = 0xD81818;
  private static final int CARROT = 0xF07818;

  private final List<Part> parts = new ArrayList<>();
  private final double s;
  private final int rgb;
  private final boolean glossy;

  private Models(WorldObject o) {
    this.s = o.size().scale();
    this.rgb = o.colour().rgb();
    this.glossy = o.material() == Material.SHINY;
  }

  /** The parts of an object's model, in its local frame. */
  public static List<Part> parts(WorldObject o) {
    Models m = new Models(o);
    switch (o.kind()) {
      case CUBE -> m.box(-0.25, 0, -0.25, 0.25, 0.5, 0.25, m.rgb);
      case SPHERE -> m.sphere(0, 0.28, 0, 0.28, m.rgb);
      case CYLINDER -> m.add(Part.CYL_Y, m.rgb, false, 0, 0, 0.24, 0, 0.5);
      case CONE -> m.add(Part.CONE_Y, m.rgb, false, 0, 0, 0.26, 0, 0.6);
      case CHAIR -> m.chair();
      case CAR -> m.car();
      case SNOWMAN -> m.snowman();
    }
    return List.copyOf(m.parts);
  }

  // Parts are listed largest first, so shadow rays, which stop at the first part they meet,
  // usually test one part; details that cast no shadow come last.
  private void chair() {
    int legs = darker(rgb);
    box(-0.25, 0.43, -0.25, 0.25, 0.5, 0.25, rgb); // seat
    box(-0.25, 0.64, -0.25, 0.25, 0.95, -0.19, rgb); // backrest panel
    for (double x : new double[] {-0.25, 0.2}) {
      for (double z : new double[] {-0.25, 0.2}) {
        box(x, 0, z, x + 0.05, 0.43, z + 0.05, legs);
      }
      box(x, 0.5, -0.25, x + 0.05, 0.64, -0.2, legs); // back posts
    }
  }

  private void car() {
    box(-0.23, 0.07, -0.49, 0.23, 0.25, 0.49, rgb); // body
    add(Part.BOX, GLASS, true, -0.2, 0.25, -0.3, 0.2, 0.4, 0.12); // cabin, set back
    box(-0.21, 0.4, -0.32, 0.21, 0.42, 0.1, rgb); // roof
    for (double z : new double[] {-0.3, 0.3}) {
      add(Part.CYL_X, TYRE, false, 0.1, z, 0.1, 0.16, 0.25);
      add(Part.CYL_X, TYRE, false, 0.1, z, 0.1, -0.25, -0.16);
    }
    for (double x : new double[] {-0.2, 0.11}) {
      detail(Part.BOX, HEADLAMP, true, x, 0.16, 0.49, x + 0.09, 0.22, 0.5);
      detail(Part.BOX, TAILLAMP, false, x, 0.17, -0.5, x + 0.09, 0.22, -0.49);
    }
    detail(Part.BOX, BLACK, false, -0.08, 0.11, 0.49, 0.08, 0.19, 0.495); // grille
  }

  private void snowman() {
    sphere(0, 0.21, 0, 0.21, rgb);
    sphere(0, 0.52, 0, 0.155, rgb);
    sphere(0, 0.74, 0, 0.11, rgb);
    add(Part.CYL_Y, BLACK, false, 0, 0, 0.125, 0.815, 0.83); // hat brim
    add(Part.CYL_Y, BLACK, false, 0, 0, 0.08, 0.83, 0.93); // hat
    add(Part.CONE_Z, CARROT, false, 0, 0.735, 0.03, 0.085, 0.2); // nose, pointing forward
    for (double x : new double[] {-0.042, 0.042}) {
      detail(Part.SPHERE, BLACK, false, x, 0.775, 0.093, 0.018);
    }
    for (double y : new double[] {0.47, 0.545}) {
      double z = Math.sqrt(0.155 * 0.155 - (y - 0.52) * (y - 0.52)) - 0.005;
      detail(Part.SPHERE, BLACK, false, 0, y, z, 0.02);
    }
  }

  private void box(double x0, double y0, double z0, double x1, double y1, double z1, int c) {
    add(Part.BOX, c, glossy, x0, y0, z0, x1, y1, z1);
  }

  private void sphere(double cx, double cy, double cz, double r, int c) {
    add(Part.SPHERE, c, glossy, cx, cy, cz, r);
  }

  private void detail(int type, int c, boolean emissive, double... v) {
    parts.add(new Part(type, scaled(v), c, emissive, true, false));
  }

  private void add(int type, int c, boolean shine, double... v) {
    parts.add(new Part(type, scaled(v), c, false, shine, true));
  }

  private double[] scaled(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * s;
    }
    return out;
  }

  private static int darker(int rgb) {
    int r = (rgb >> 16 & 255) * 3 / 5;
    int g = (rgb >> 8 & 255) * 3 / 5;
    int b = (rgb & 255) * 3 / 5;
    return r << 16 | g << 8 | b;
  }
}
