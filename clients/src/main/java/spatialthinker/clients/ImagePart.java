package spatialthinker.clients;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An encoded image (PNG, JPEG, GIF or WebP bytes) with its media type and pixel size.
 *
 * @param data the encoded bytes (copied; never modified)
 * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/gif} or {@code image/webp}
 * @param width width in pixels
 * @param height height in pixels
 */
public record ImagePart(byte[] data, String mediaType, int width, int height)
    implements ContentPart {

  public ImagePart {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(mediaType, "mediaType");
    data = data.clone();
    if (data.length == 0) {
      throw new IllegalArgumentException("image data is empty");
    }
    if (!mediaType.startsWith("image/")) {
      throw new IllegalArgumentException("media type must be image/*, got '" + mediaType + "'");
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + " x " + height);
    }
  }

  /**
   * An image from its encoded bytes: the format from the magic bytes, the size from the header.
   *
   * @throws IllegalArgumentException when the bytes are not an image {@code javax.imageio} can size
   */
  public static ImagePart of(byte[] data) {
    String type = mediaTypeOf(data);
    int[] size = sizeOf(data, type);
    return new ImagePart(data, type, size[0], size[1]);
  }

  /** The encoded bytes (a copy). */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Number of encoded bytes. */
  public int byteLength() {
    return data.length;
  }

  /** The bytes in base64. */
  public String base64() {
    return Base64.getEncoder().encodeToString(data);
  }

  /** A {@code data:} URL of the image, as the OpenAI format takes images. */
  public String dataUrl() {
    return "data:" + mediaType + ";base64," + base64();
  }

  /** The media type the magic bytes announce. */
  static String mediaTypeOf(byte[] d) {
    if (d.length >= 8 && (d[0] & 0xFF) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G') {
      return "image/png";
    }
    if (d.length >= 3 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xD8) {
      return "image/jpeg";
    }
    if (d.length >= 6 && d[0] == 'G' && d[1] == 'I' && d[2] == 'F') {
      return "image/gif";
    }
    if (d.length >= 12 && d[0] == 'R' && d[1] == 'I' && d[8] == 'W' && d[9] == 'E') {
      return "image/webp";
    }
    if (d.length >= 2 && d[0] == 'B' && d[1] == 'M') {
      return "image/bmp";
    }
    throw new IllegalArgumentException(
        "image bytes are not PNG, JPEG, GIF, WebP or BMP (" + d.length + " bytes)");
  }

  private static int[] sizeOf(byte[] data, String type) {
    if (type.equals("image/webp")) {
      return webpSize(data);
    }
    // PNG and JPEG headers are read directly: the ImageIO reader lookup costs more than the rest of
    // preparing a request.
    if (type.equals("image/png") && data.length >= 24 && data[12] == 'I' && data[13] == 'H') {
      return new int[] {be32(data, 16), be32(data, 20)};
    }
    if (type.equals("image/jpeg")) {
      int[] sof = jpegSize(data);
      if (sof != null) {
        return sof;
      }
    }
    // An in-memory stream: ImageIO.createImageInputStream may cache through a temporary file.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IllegalArgumentException("no image reader for " + type);
      }
      ImageReader r = readers.next();
      try {
        r.setInput(in, true, true);
        return new int[] {r.getWidth(0), r.getHeight(0)};
      } finally {
        r.dispose();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the size of a " + type + " image: " + e, e);
    }
  }

  private static int be32(byte[] d, int at) {
    return (d[at] & 0xFF) << 24
        | (d[at + 1] & 0xFF) << 16
        | (d[at + 2] & 0xFF) << 8
        | (d[at + 3] & 0xFF);
  }

  /** The size in a JPEG's first start-of-frame segment, or null when none is found. */
  private static int[] jpegSize(byte[] d) {
    int i = 2;
    while (i + 9 < d.length) {
      if ((d[i] & 0xFF) != 0xFF) {
        return null;
      }
      int marker = d[i + 1] & 0xFF;
      if (marker == 0xFF) {
        i++;
        continue;
      }
      int len = (d[i + 2] & 0xFF) << 8 | (d[i + 3] & 0xFF);
      boolean sof =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) {
        int h = (d[i + 5] & 0xFF) << 8 | (d[i + 6] & 0xFF);
        int w = (d[i + 7] & 0xFF) << 8 | (d[i + 8] & 0xFF);
        return w > 0 && h > 0 ? new int[] {w, h} : null;
      }
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
        i += 2;
      } else {
        i += 2 + len;
      }
    }
    return null;
  }

  /** WebP size from the VP8/VP8L/VP8X chunk header (javax.imageio has no WebP reader). */
  private static int[] webpSize(byte[] d) {
    if (d.length >= 30 && d[12] == 'V' && d[13] == 'P' && d[14] == '8') {
      switch (d[15]) {
        case ' ' -> {
          return new int[] {u16(d, 26) & 0x3FFF, u16(d, 28) & 0x3FFF};
        }
        case 'L' -> {
          int b =
              (d[21] & 0xFF) | (d[22] & 0xFF) << 8 | (d[23] & 0xFF) << 16 | (d[24] & 0xFF) << 24;
          return new int[] {(b & 0x3FFF) + 1, ((b >> 14) & 0x3FFF) + 1};
        }
        case 'X' -> {
          return new int[] {u24(d, 24) + 1, u24(d, 27) + 1};
        }
        default -> {}
      }
    }
    throw new IllegalArgumentException("cannot read the size of a WebP image");
  }

  private static int u16(byte[] d, int at) {
    return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8;
  }

  private static int u24(byte[] d, int at) {
    return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8 | (d[at + 2] & 0xFF) << 16;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImagePart p
        && width == p.width
        && height == p.height
        && mediaType.equals(p.mediaType)
        && Arrays.equals(data, p.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(data), mediaType, width, height);
  }

  @Override
  public String toString() {
    return "ImagePart[" + mediaType + ", " + width + "x" + height + ", " + data.length + " bytes]";
  }
}
