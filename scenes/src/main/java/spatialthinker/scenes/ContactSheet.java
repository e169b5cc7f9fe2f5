package spatialthinker.scenes;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.SceneObject;

/** A contact sheet: scenes in a grid, each with its objects' boxes and ids drawn over it. */
public final class ContactSheet {

  private static final Color[] BOX_COLOURS = {
    new Color(0xFF3B30), new Color(0x34C759), new Color(0x0A84FF), new Color(0xFFCC00),
    new Color(0xAF52DE), new Color(0xFF9500), new Color(0x5AC8FA), new Color(0xFF2D55)
  };

  private final int columns;
  private final int tile;

  /**
   * @param columns scenes per row
   * @param tile width and height of each scene's cell, in pixels
   */
  public ContactSheet(int columns, int tile) {
    if (columns < 1 || tile < 32) {
      throw new IllegalArgumentException("contact sheet needs >= 1 column and tiles >= 32 px");
    }
    this.columns = columns;
    this.tile = tile;
  }

  /** Draws the scenes (in order, row by row) into one image. */
  public BufferedImage draw(List<Scene> scenes) {
    if (scenes.isEmpty()) {
      throw new IllegalArgumentException("a contact sheet needs at least one scene");
    }
    int rows = (scenes.size() + columns - 1) / columns;
    int gap = 4;
    BufferedImage sheet =
        new BufferedImage(
            columns * (tile + gap) + gap, rows * (tile + gap) + gap, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(new Color(0x202020));
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(9, tile / 24)));
      for (int i = 0; i < scenes.size(); i++) {
        int x = gap + (i % columns) * (tile + gap);
        int y = gap + (i / columns) * (tile + gap);
        drawScene(g, scenes.get(i), x, y);
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }

  /** Draws the scenes and writes the sheet as a PNG file. */
  public void write(List<Scene> scenes, Path file) {
    BufferedImage sheet = draw(scenes);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!ImageIO.write(sheet, "png", file.toFile())) {
        throw new IllegalStateException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write preview " + file + ": " + e.getMessage(), e);
    }
  }

  private void drawScene(Graphics2D g, Scene scene, int x, int y) {
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(scene.image().bytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode image of scene " + scene.imageId(), e);
    }
    if (img == null) {
      throw new IllegalArgumentException("image of scene " + scene.imageId() + " is not PNG/JPEG");
    }
    double scale = Math.min((double) tile / scene.width(), (double) tile / scene.height());
    int w = (int) Math.round(scene.width() * scale);
    int h = (int) Math.round(scene.height() * scale);
    g.drawImage(img, x, y, w, h, null);
    g.setStroke(new BasicStroke(Math.max(1f, tile / 200f)));
    FontMetrics fm = g.getFontMetrics();
    List<SceneObject> objects = scene.graph().objects();
    for (int i = 0; i < objects.size(); i++) {
      SceneObject o = objects.get(i);
      Box b = o.bbox();
      Color c = BOX_COLOURS[i % BOX_COLOURS.length];
      int bx = x + (int) Math.round(b.x1() * scale);
      int by = y + (int) Math.round(b.y1() * scale);
      int bw = (int) Math.round(b.width() * scale);
      int bh = (int) Math.round(b.height() * scale);
      g.setColor(c);
      g.drawRect(bx, by, bw, bh);
      String label = o.id();
      int lw = fm.stringWidth(label) + 4;
      int lh = fm.getAscent() + 1;
      int ly = by - lh >= y ? by - lh : by;
      g.fillRect(bx, ly, lw, lh);
      g.setColor(Color.BLACK);
      g.drawString(label, bx + 2, ly + fm.getAscent() - 1);
    }
  }
}
