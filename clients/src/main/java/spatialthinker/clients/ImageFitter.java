package spatialthinker.clients;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Scales and re-encodes images (javax.imageio) to meet {@link ImageLimits}: first scaled down to
 * the edge and pixel limits, then PNG sources stay PNG when that fits the byte limit, else JPEG at
 * falling quality, then smaller still, until the image fits.
 */
final class ImageFitter {

  private static final Set<String> SENDABLE =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
  private static final float[] QUALITIES = {0.9f, 0.8f, 0.7f, 0.55f, 0.4f};

  private ImageFitter() {}

  /** The image itself when it meets the limits in a sendable format, else a fitted copy. */
  static ImagePart fit(ImagePart img, ImageLimits limits) {
    if (SENDABLE.contains(img.mediaType()) && limits.admits(img)) {
      return img;
    }
    BufferedImage src = decode(img);
    double scale =
        Math.min(
            1.0,
            Math.min(
                (double) limits.maxLongEdge() / Math.max(src.getWidth(), src.getHeight()),
                Math.sqrt(
                    (double) limits.maxPixels() / ((double) src.getWidth() * src.getHeight()))));
    boolean keepPng = img.mediaType().equals("image/png") || img.mediaType().equals("image/gif");
    for (int round = 0; round < 12; round++) {
      int w = Math.max(1, (int) Math.floor(src.getWidth() * scale));
      int h = Math.max(1, (int) Math.floor(src.getHeight() * scale));
      BufferedImage scaled = scale < 1.0 ? resize(src, w, h) : src;
      if (keepPng) {
        byte[] png = write(scaled, "png", 1f);
        if (ImageLimits.base64Length(png.length) <= limits.maxBase64Bytes()) {
          return new ImagePart(png, "image/png", w, h);
        }
      }
      BufferedImage rgb = toRgb(scaled);
      for (float q : QUALITIES) {
        byte[] jpg = write(rgb, "jpeg", q);
        if (ImageLimits.base64Length(jpg.length) <= limits.maxBase64Bytes()) {
          return new ImagePart(jpg, "image/jpeg", w, h);
        }
      }
      scale *= 0.85;
    }
    throw new IllegalArgumentException(
        "cannot fit a " + img.width() + "x" + img.height() + " image into " + limits);
  }

  private static BufferedImage decode(ImagePart img) {
    try {
      BufferedImage b =
          ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(img.data())));
      if (b == null) {
        throw new IllegalArgumentException("javax.imageio cannot decode " + img);
      }
      return b;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot decode " + img + ": " + e, e);
    }
  }

  /** Downscales in halving steps, then once bicubically, to avoid aliasing. */
  private static BufferedImage resize(BufferedImage src, int w, int h) {
    BufferedImage cur = src;
    while (cur.getWidth() / 2 >= w && cur.getHeight() / 2 >= h) {
      cur = draw(cur, cur.getWidth() / 2, cur.getHeight() / 2);
    }
    return cur.getWidth() == w && cur.getHeight() == h ? cur : draw(cur, w, h);
  }

  private static BufferedImage draw(BufferedImage src, int w, int h) {
    int type =
        src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    BufferedImage out = new BufferedImage(w, h, type);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** JPEG has no alpha: composite onto white. */
  private static BufferedImage toRgb(BufferedImage src) {
    if (src.getType() == BufferedImage.TYPE_INT_RGB
        || src.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return src;
    }
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, src.getWidth(), src.getHeight());
      g.drawImage(src, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static byte[] write(BufferedImage img, String format, float quality) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
    if (!writers.hasNext()) {
      throw new IllegalStateException("no " + format + " writer in javax.imageio");
    }
    ImageWriter w = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      w.setOutput(out);
      ImageWriteParam p = w.getDefaultWriteParam();
      if (format.equals("jpeg")) {
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
      }
      w.write(null, new IIOImage(img, null, null), p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + format + ": " + e, e);
    } finally {
      w.dispose();
    }
    return bytes.toByteArray();
  }
}
