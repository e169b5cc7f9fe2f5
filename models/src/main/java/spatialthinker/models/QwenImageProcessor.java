package spatialthinker.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Qwen2-VL's image processor: {@code smart_resize} to a multiple of patch × merge (28) within the
 * pixel limits, a bicubic resize computed exactly as Pillow computes it on 8-bit RGB (which the
 * Pillow backend of transformers uses), rescale by 1/255, normalise by the CLIP mean and std, and
 * the patch layout of {@code pixel_values} (rows ordered by 2 × 2 merge block, each row C × T × 14
 * × 14 with the frame repeated over the temporal patch). The size an image is resized to is the
 * size the model sees, so prompts that state an image size should state {@link Processed#width()} ×
 * {@link Processed#height()}.
 */
public final class QwenImageProcessor {

  /** One processed image: its rows of {@code pixel_values}, its grid and the resized size. */
  public record Processed(
      float[] pixels,
      int rows,
      int rowWidth,
      int gridT,
      int gridH,
      int gridW,
      int width,
      int height) {
    /** Number of image tokens the decoder sees: grid / merge². */
    public int tokens(int mergeSize) {
      return gridT * gridH * gridW / (mergeSize * mergeSize);
    }
  }

  private final int minPixels;
  private final int maxPixels;
  private final int patchSize;
  private final int mergeSize;
  private final int temporalPatchSize;
  private final double rescale;
  private final float[] mean;
  private final float[] std;

  public QwenImageProcessor(
      int minPixels,
      int maxPixels,
      int patchSize,
      int mergeSize,
      int temporalPatchSize,
      double rescale,
      double[] mean,
      double[] std) {
    if (minPixels <= 0 || maxPixels < minPixels) {
      throw new IllegalArgumentException(
          "pixel limits must satisfy 0 < min_pixels <= max_pixels, got "
              + minPixels
              + " and "
              + maxPixels);
    }
    this.minPixels = minPixels;
    this.maxPixels = maxPixels;
    this.patchSize = patchSize;
    this.mergeSize = mergeSize;
    this.temporalPatchSize = temporalPatchSize;
    this.rescale = rescale;
    this.mean = new float[3];
    this.std = new float[3];
    for (int c = 0; c < 3; c++) {
      this.mean[c] = (float) mean[c];
      this.std[c] = (float) std[c];
    }
  }

  /**
   * Reads {@code preprocessor_config.json}; {@code minPixels}/{@code maxPixels} above 0 override
   * its limits.
   */
  public static QwenImageProcessor read(Path dir, int minPixels, int maxPixels) {
    Path file = dir.resolve("preprocessor_config.json");
    JsonNode r;
    try {
      r = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
    }
    int resample = r.path("resample").asInt(3);
    if (resample != 3) {
      throw new IllegalArgumentException(file + ": resample " + resample + " is not bicubic (3)");
    }
    int min =
        r.has("min_pixels")
            ? r.get("min_pixels").asInt()
            : r.path("size").path("shortest_edge").asInt(56 * 56);
    int max =
        r.has("max_pixels")
            ? r.get("max_pixels").asInt()
            : r.path("size").path("longest_edge").asInt(28 * 28 * 1280);
    double[] mean =
        triple(r.get("image_mean"), new double[] {0.48145466, 0.4578275, 0.40821073}, file);
    double[] std =
        triple(r.get("image_std"), new double[] {0.26862954, 0.26130258, 0.27577711}, file);
    return new QwenImageProcessor(
        minPixels > 0 ? minPixels : min,
        maxPixels > 0 ? maxPixels : max,
        r.path("patch_size").asInt(14),
        r.path("merge_size").asInt(2),
        r.path("temporal_patch_size").asInt(2),
        r.path("rescale_factor").asDouble(1.0 / 255),
        mean,
        std);
  }

  private static double[] triple(JsonNode n, double[] dflt, Path file) {
    if (n == null) {
      return dflt;
    }
    if (!n.isArray() || n.size() != 3) {
      throw new IllegalArgumentException(file + ": image_mean / image_std must hold 3 numbers");
    }
    return new double[] {n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble()};
  }

  public int mergeSize() {
    return mergeSize;
  }

  public int minPixels() {
    return minPixels;
  }

  public int maxPixels() {
    return maxPixels;
  }

  /** {@code smart_resize}: the (height, width) an image of the given size is resized to. */
  public static int[] smartResize(int height, int width, int factor, int minPixels, int maxPixels) {
    if (Math.max(height, width) / (double) Math.min(height, width) > 200) {
      throw new IllegalArgumentException(
          "image " + width + " x " + height + ": aspect ratio must be smaller than 200");
    }
    int h = (int) Math.rint(height / (double) factor) * factor;
    int w = (int) Math.rint(width / (double) factor) * factor;
    if ((long) h * w > maxPixels) {
      double beta = Math.sqrt((double) height * width / maxPixels);
      h = Math.max(factor, (int) Math.floor(height / beta / factor) * factor);
      w = Math.max(factor, (int) Math.floor(width / beta / factor) * factor);
    } else if ((long) h * w < minPixels) {
      double beta = Math.sqrt(minPixels / ((double) height * width));
      h = (int) Math.ceil(height * beta / factor) * factor;
      w = (int) Math.ceil(width * beta / factor) * factor;
    }
    return new int[] {h, w};
  }

  public Processed process(BufferedImage image) {
    int w0 = image.getWidth();
    int h0 = image.getHeight();
    int[] hw = smartResize(h0, w0, patchSize * mergeSize, minPixels, maxPixels);
    int h = hw[0];
    int w = hw[1];
    int[] rgb = rgb(image);
    int[] resized = PilResize.bicubic(rgb, w0, h0, w, h);
    int gh = h / patchSize;
    int gw = w / patchSize;
    int rowWidth = 3 * temporalPatchSize * patchSize * patchSize;
    int rows = gh * gw;
    float[] out = new float[rows * rowWidth];
    int m = mergeSize;
    int p = patchSize;
    int row = 0;
    for (int bh = 0; bh < gh / m; bh++) {
      for (int bw = 0; bw < gw / m; bw++) {
        for (int mh = 0; mh < m; mh++) {
          for (int mw = 0; mw < m; mw++) {
            int base = row * rowWidth;
            int y0 = (bh * m + mh) * p;
            int x0 = (bw * m + mw) * p;
            for (int c = 0; c < 3; c++) {
              for (int t = 0; t < temporalPatchSize; t++) {
                for (int ph = 0; ph < p; ph++) {
                  for (int pw = 0; pw < p; pw++) {
                    int v = resized[((y0 + ph) * w + x0 + pw) * 3 + c];
                    float scaled = (float) (v * rescale);
                    out[base + ((c * temporalPatchSize + t) * p + ph) * p + pw] =
                        (scaled - mean[c]) / std[c];
                  }
                }
              }
            }
            row++;
          }
        }
      }
    }
    return new Processed(out, rows, rowWidth, 1, gh, gw, w, h);
  }

  /** 8-bit RGB, interleaved; transparent pixels are composited over white as transformers does. */
  static int[] rgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    boolean alpha = image.getColorModel().hasAlpha();
    int[] out = new int[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      int px = argb[i];
      int r = (px >> 16) & 0xff;
      int g = (px >> 8) & 0xff;
      int b = px & 0xff;
      if (alpha) {
        int a = (px >>> 24) & 0xff;
        r = (r * a + 255 * (255 - a) + 127) / 255;
        g = (g * a + 255 * (255 - a) + 127) / 255;
        b = (b * a + 255 * (255 - a) + 127) / 255;
      }
      out[3 * i] = r;
      out[3 * i + 1] = g;
      out[3 * i + 2] = b;
    }
    return out;
  }
}
