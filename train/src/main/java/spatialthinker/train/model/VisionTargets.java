package spatialthinker.train.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-patch targets of the vision pre-training loss, from the exact boxes of the ground-truth scene
 * graph ({@code <scene>{"objects":[{"id":"chair.2","bbox":[x1,y1,x2,y2]}...]}</scene>}): a patch
 * whose centre lies in an object's box (the smallest, where boxes overlap) is asked for that
 * object's label (the id before its last dot, hashed into {@link #BUCKETS} buckets) and its box
 * divided by the image size; other patches are not scored. The renderer's truth is exact, so the
 * encoder learns what is where before (and while) the decoder learns to write it.
 *
 * @param label per patch one-hot over {@link #BUCKETS} (zeros where unscored), {@code [P *
 *     BUCKETS]}
 * @param box per patch the covering box in [0, 1], {@code [P * 4]}
 * @param mask per patch 1 where scored, {@code [P]}
 */
public record VisionTargets(float[] label, float[] box, float[] mask) {

  /** Label buckets of the auxiliary classifier. */
  public static final int BUCKETS = 32;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SCENE = Pattern.compile("(?s)<scene>(.*?)</scene>");
  private static final Pattern SIZE = Pattern.compile("Image size: \\((\\d+) x (\\d+)\\)");

  /**
   * The targets of one row.
   *
   * @param groundTruth the row's {@code answer_option_text}
   * @param problem the row's prompt, which states {@code Image size: (W x H)}
   * @param c the network shape (patch grid)
   */
  public static VisionTargets of(String groundTruth, String problem, ModelConfig c) {
    int patches = c.patches();
    float[] label = new float[patches * BUCKETS];
    float[] box = new float[patches * 4];
    float[] mask = new float[patches];
    Matcher size = SIZE.matcher(problem);
    Matcher scene = SCENE.matcher(groundTruth);
    if (!size.find() || !scene.find()) {
      return new VisionTargets(label, box, mask);
    }
    double w = Double.parseDouble(size.group(1));
    double h = Double.parseDouble(size.group(2));
    JsonNode objects;
    try {
      objects = JSON.readTree(scene.group(1).strip()).path("objects");
    } catch (java.io.IOException e) {
      return new VisionTargets(label, box, mask);
    }
    int side = c.imageSize() / c.patchSize();
    double[] area = new double[patches];
    java.util.Arrays.fill(area, Double.POSITIVE_INFINITY);
    for (JsonNode o : objects) {
      JsonNode b = o.path("bbox");
      if (b.size() != 4) {
        continue;
      }
      double x1 = b.get(0).asDouble();
      double y1 = b.get(1).asDouble();
      double x2 = b.get(2).asDouble();
      double y2 = b.get(3).asDouble();
      String id = o.path("id").asText("");
      int dot = id.lastIndexOf('.');
      String name = dot > 0 ? id.substring(0, dot) : id;
      int bucket = Math.floorMod(name.hashCode(), BUCKETS);
      double a = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
      for (int py = 0; py < side; py++) {
        double cy = (py + 0.5) * h / side;
        for (int px = 0; px < side; px++) {
          double cx = (px + 0.5) * w / side;
          int k = py * side + px;
          if (cx < x1 || cx > x2 || cy < y1 || cy > y2 || a >= area[k]) {
            continue;
          }
          area[k] = a;
          java.util.Arrays.fill(label, k * BUCKETS, (k + 1) * BUCKETS, 0f);
          label[k * BUCKETS + bucket] = 1f;
          box[k * 4] = (float) (x1 / w);
          box[k * 4 + 1] = (float) (y1 / h);
          box[k * 4 + 2] = (float) (x2 / w);
          box[k * 4 + 3] = (float) (y2 / h);
          mask[k] = 1f;
        }
      }
    }
    return new VisionTargets(label, box, mask);
  }
}
