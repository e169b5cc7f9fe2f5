package spatialthinker.clients;

/**
 * Size limits an image must meet before it is sent.
 *
 * @param maxLongEdge most pixels on the longer side
 * @param maxPixels most pixels in all (width × height)
 * @param maxBase64Bytes most bytes of the base64 encoding
 */
public record ImageLimits(int maxLongEdge, long maxPixels, long maxBase64Bytes) {

  /**
   * Anthropic's limits: images over 5 MB are rejected, and images whose long edge exceeds 1568 px
   * or that exceed about 1.15 megapixels are scaled down by the API itself. Fitting them here keeps
   * the size stated in the prompt equal to the size the model sees.
   */
  public static final ImageLimits ANTHROPIC = new ImageLimits(1568, 1_150_000, 5L * 1024 * 1024);

  public ImageLimits {
    if (maxLongEdge < 16 || maxPixels < 256 || maxBase64Bytes < 1024) {
      throw new IllegalArgumentException(
          "image limits too small: edge "
              + maxLongEdge
              + ", pixels "
              + maxPixels
              + ", bytes "
              + maxBase64Bytes);
    }
  }

  /** Bytes of the base64 encoding of {@code n} bytes. */
  static long base64Length(long n) {
    return 4 * ((n + 2) / 3);
  }

  /** Whether an image already meets these limits. */
  public boolean admits(ImagePart img) {
    return Math.max(img.width(), img.height()) <= maxLongEdge
        && (long) img.width() * img.height() <= maxPixels
        && base64Length(img.byteLength()) <= maxBase64Bytes;
  }
}
