package spatialthinker.clients;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Small generated images for tests. */
final class TestImages {

  private TestImages() {}

  /** A PNG of the given size: a gradient, or seeded noise (which compresses badly). */
  static byte[] png(int w, int h, boolean noise, long seed) {
    return encode(image(w, h, noise, seed), "png");
  }

  static byte[] jpeg(int w, int h, long seed) {
    return encode(image(w, h, false, seed), "jpeg");
  }

  private static BufferedImage image(int w, int h, boolean noise, long seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = noise ? rnd.nextInt(1 << 24) : ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | 90;
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }

  private static byte[] encode(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
