package spatialthinker.train.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads an image's size from its header, before the pixels are decoded. */
final class ImageBounds {

  private ImageBounds() {}

  /**
   * Checks that {@code bytes} is a PNG or JPEG of at most {@code maxSide} pixels each way.
   *
   * @throws BadChatRequestException naming {@code where} otherwise
   */
  static void check(byte[] bytes, int maxSide, String where) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new BadChatRequestException(where + ": not a PNG or JPEG image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w < 1 || h < 1 || w > maxSide || h > maxSide) {
          throw new BadChatRequestException(
              where
                  + ": the image is "
                  + w
                  + "x"
                  + h
                  + "; at most "
                  + maxSide
                  + " pixels each way");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new BadChatRequestException(where + ": the image header cannot be read");
    }
  }
}
