package spatialthinker.train.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Turns an encoded image into the policy's patch values: resized to {@code imageSize²} (bilinear),
 * RGB scaled to [-0.5, 0.5], patches in row-major order, each patch's values row, column, channel.
 * A blind configuration gets zeros (mid-grey) whatever the image.
 */
public final class ImagePatches {

  private ImagePatches() {}

  /** Decodes PNG/JPEG bytes; throws {@link IllegalArgumentException} when they are no image. */
  public static BufferedImage decode(byte[] bytes, String what) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
      if (img == null) {
        throw new IllegalArgumentException(what + " is not a PNG or JPEG image");
      }
      return img;
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " cannot be decoded: " + e.getMessage(), e);
    }
  }

  /** The patch values of an image for the given network shape. */
  public static float[] of(BufferedImage src, ModelConfig c) {
    if (c.blindImages()) {
      return new float[c.patches() * c.patchDim()];
    }
    int s = c.imageSize();
    BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, s, s, null);
    } finally {
      g.dispose();
    }
    int p = c.patchSize();
    int side = s / p;
    float[] out = new float[c.patches() * c.patchDim()];
    int k = 0;
    for (int py = 0; py < side; py++) {
      for (int px = 0; px < side; px++) {
        for (int y = 0; y < p; y++) {
          for (int x = 0; x < p; x++) {
            int rgb = img.getRGB(px * p + x, py * p + y);
            out[k++] = ((rgb >> 16) & 0xff) / 255f - 0.5f;
            out[k++] = ((rgb >> 8) & 0xff) / 255f - 0.5f;
            out[k++] = (rgb & 0xff) / 255f - 0.5f;
          }
        }
      }
    }
    return out;
  }
}
