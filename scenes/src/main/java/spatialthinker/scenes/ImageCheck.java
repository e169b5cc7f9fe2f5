package spatialthinker.scenes;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Checks that an image decodes completely and has the size its scene states: an empty file, bytes
 * that are no image, and a truncated PNG are all reported, never passed on.
 */
public final class ImageCheck {

  static {
    ImageIO.setUseCache(false);
  }

  private ImageCheck() {}

  /**
   * What is wrong with the encoded bytes of a {@code width} × {@code height} image, if anything.
   */
  public static Optional<String> problem(byte[] bytes, int width, int height) {
    if (bytes == null || bytes.length == 0) {
      return Optional.of("is empty");
    }
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      String m = e.getMessage();
      return Optional.of(
          "does not decode (" + e.getClass().getSimpleName() + (m == null ? "" : ": " + m) + ")");
    }
    if (img == null) {
      return Optional.of("is not a PNG or JPEG image (" + bytes.length + " bytes)");
    }
    if (img.getWidth() != width || img.getHeight() != height) {
      return Optional.of(
          "is "
              + img.getWidth()
              + " x "
              + img.getHeight()
              + ", not the "
              + width
              + " x "
              + height
              + " its scene states");
    }
    return Optional.empty();
  }

  /** What is wrong with an image file, if anything (a missing or unreadable file included). */
  public static Optional<String> problem(Path file, int width, int height) {
    if (!Files.isRegularFile(file)) {
      return Optional.of("is missing");
    }
    try {
      return problem(Files.readAllBytes(file), width, height);
    } catch (IOException e) {
      return Optional.of("cannot be read (" + e.getMessage() + ")");
    }
  }
}
