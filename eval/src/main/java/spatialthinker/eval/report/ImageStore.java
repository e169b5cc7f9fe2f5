package spatialthinker.eval.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import spatialthinker.clients.ImagePart;

/**
 * The images of a report, each stored once as a base64 {@code data:} URL however many items show it
 * (several questions share an image, several runs share an item). Images larger than {@link
 * #MAX_SIDE} pixels are scaled down first: the report shows them small, and a benchmark's
 * photographs would otherwise make the page tens of megabytes. Boxes are drawn in the coordinates
 * of the image as the model saw it, so scaling the picture never moves them.
 */
final class ImageStore {

  /** Largest side, in pixels, of an embedded image. */
  static final int MAX_SIDE = 448;

  /** A stored image: its key and its size in pixels before any scaling. */
  record Stored(String key, int width, int height) {}

  private final Map<String, Stored> byHash = new LinkedHashMap<>();
  private final Map<String, String> urls = new LinkedHashMap<>();

  /**
   * Stores an image (once per distinct content).
   *
   * @throws IllegalArgumentException when the bytes are not an image that can be sized
   */
  Stored add(byte[] data) {
    String hash = sha1(data);
    Stored known = byHash.get(hash);
    if (known != null) {
      return known;
    }
    ImagePart part = ImagePart.of(data);
    String key = "i" + byHash.size();
    Stored s = new Stored(key, part.width(), part.height());
    urls.put(key, dataUrl(part));
    byHash.put(hash, s);
    return s;
  }

  /** The number of distinct images stored. */
  int size() {
    return urls.size();
  }

  /**
   * A {@code <script type="application/json">} element with the key → data URL map, read by the
   * page's script; base64 holds no {@code <}, so the element cannot be closed early.
   */
  String script() {
    StringBuilder b = new StringBuilder("<script type=\"application/json\" id=\"images\">{");
    boolean first = true;
    for (Map.Entry<String, String> e : urls.entrySet()) {
      b.append(first ? "" : ",").append('"').append(e.getKey()).append("\":\"");
      b.append(e.getValue()).append('"');
      first = false;
    }
    return b.append("}</script>\n").toString();
  }

  private static String dataUrl(ImagePart part) {
    byte[] bytes = part.data();
    String type = part.mediaType();
    if (Math.max(part.width(), part.height()) > MAX_SIDE) {
      try {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        if (img != null) {
          bytes = shrink(img, type.equals("image/png"));
          type = type.equals("image/png") ? "image/png" : "image/jpeg";
        }
      } catch (IOException e) {
        // Keep the original bytes: a large image is better than none.
      }
    }
    return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] shrink(BufferedImage img, boolean png) throws IOException {
    double f = (double) MAX_SIDE / Math.max(img.getWidth(), img.getHeight());
    int w = Math.max(1, (int) Math.round(img.getWidth() * f));
    int h = Math.max(1, (int) Math.round(img.getHeight() * f));
    BufferedImage out =
        new BufferedImage(w, h, png ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(img, 0, 0, w, h, null);
    g.dispose();
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    ImageIO.write(out, png ? "png" : "jpg", bos);
    return bos.toByteArray();
  }

  private static String sha1(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
