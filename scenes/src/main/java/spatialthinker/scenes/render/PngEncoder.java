package spatialthinker.scenes.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG encoding with {@code javax.imageio}, made deterministic: a fixed compression level, no
 * metadata (so no time stamp) and an in-memory stream (ImageIO's default stream caches on disk).
 * The same pixels give the same bytes. Not thread-safe; one per rendering thread.
 */
public final class PngEncoder {

  private final BufferedImage image;
  private final int[] data;
  private final ImageWriter writer;
  private final ImageWriteParam param;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);

  public PngEncoder(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    writer = ImageIO.getImageWritersByFormatName("png").next();
    param = writer.getDefaultWriteParam();
    if (param.canWriteCompressed()) {
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      // Quality 0.75 maps to zlib level 2 in the JDK writer: much faster than the default level.
      param.setCompressionQuality(0.75f);
    }
  }

  /** PNG bytes of the frame's colours. */
  public byte[] encode(Frame frame) {
    if (frame.width != image.getWidth() || frame.height != image.getHeight()) {
      throw new IllegalArgumentException(
          "frame is "
              + frame.width
              + "x"
              + frame.height
              + ", encoder expects "
              + image.getWidth()
              + "x"
              + image.getHeight());
    }
    System.arraycopy(frame.rgb, 0, data, 0, data.length);
    buffer.reset();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(buffer)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PNG: " + e.getMessage(), e);
    }
    return buffer.toByteArray();
  }
}
