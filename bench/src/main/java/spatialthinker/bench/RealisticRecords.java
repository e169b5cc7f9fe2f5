package spatialthinker.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import spatialthinker.reward.RewardInput;

/**
 * Seeded records shaped like real rollouts: a SpatialThinker prompt, a question-focused ground
 * truth of {@code n} objects with relations, and a response whose boxes are jittered, whose labels
 * are sometimes synonyms, and whose answer is right 60% of the time.
 */
final class RealisticRecords {

  private static final String[] NAMES = {
    "mug", "laptop", "chair", "table", "man", "woman", "dog", "cat", "car", "bottle", "lamp",
    "plate"
  };
  private static final String[] SYNONYMS = {
    "cup",
    "computer",
    "seat",
    "desk",
    "person",
    "person",
    "puppy",
    "kitten",
    "truck",
    "jar",
    "light",
    "dish"
  };
  private static final String[] PREDICATES = {"left of", "right of", "behind", "on top of"};

  private RealisticRecords() {}

  static List<RewardInput> generate(int count, int objects, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<RewardInput> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(one(rng, objects));
    }
    return out;
  }

  private static RewardInput one(SplittableRandom rng, int n) {
    int w = 640;
    int h = 480;
    StringBuilder gt = new StringBuilder("{\"objects\": [");
    StringBuilder pred = new StringBuilder("{\"objects\": [");
    String[] ids = new String[n];
    for (int k = 0; k < n; k++) {
      int name = rng.nextInt(NAMES.length);
      ids[k] = NAMES[name] + "." + (k + 1);
      int x1 = rng.nextInt(0, w - 60);
      int y1 = rng.nextInt(0, h - 60);
      int x2 = x1 + rng.nextInt(20, Math.min(300, w - x1));
      int y2 = y1 + rng.nextInt(20, Math.min(300, h - y1));
      String predId = rng.nextInt(4) == 0 ? SYNONYMS[name] + "." + (k + 1) : ids[k];
      gt.append(k > 0 ? ", " : "").append(object(ids[k], x1, y1, x2, y2));
      pred.append(k > 0 ? ", " : "")
          .append(
              object(
                  predId,
                  x1 + rng.nextInt(-12, 13),
                  y1 + rng.nextInt(-12, 13),
                  x2 + rng.nextInt(-12, 13),
                  y2 + rng.nextInt(-12, 13)));
    }
    gt.append("], \"relationships\": [");
    pred.append("], \"relationships\": [");
    if (n >= 2) {
      String rel = relation(ids[0], PREDICATES[rng.nextInt(PREDICATES.length)], ids[1]);
      gt.append(rel);
      pred.append(rel);
    }
    gt.append("]}");
    pred.append("]}");
    String answer = "(B) " + PREDICATES[1];
    String predAnswer = rng.nextInt(10) < 6 ? answer : "(A) " + PREDICATES[0];
    String response =
        "<observe>The image shows "
            + n
            + " relevant objects on a desk near a window.</observe>\n<scene>"
            + pred
            + "</scene>\n<think>Comparing the horizontal extents of the boxes, the first object"
            + " lies to the right of the second, so the answer is B.</think>\n<answer>"
            + predAnswer
            + "</answer>";
    String truth = "<scene>" + gt + "</scene>\n<answer>" + answer + "</answer>";
    String problem =
        "You FIRST observe the image in <observe> </observe> tags, then visualise the relevant"
            + " scene graph in <scene> </scene> tags, followed by thinking about the reasoning"
            + " process as an internal monologue within <think> </think> tags and then provide the"
            + " final answer.\n\nImage size: ("
            + w
            + " x "
            + h
            + ")\n\nWhere is the mug with respect to the laptop?\n(A) left of\n(B) right of";
    return new RewardInput(response, truth, problem);
  }

  private static String object(String id, int x1, int y1, int x2, int y2) {
    return String.format(
        Locale.ROOT, "{\"id\": \"%s\", \"bbox\": [%d, %d, %d, %d]}", id, x1, y1, x2, y2);
  }

  private static String relation(String s, String p, String o) {
    return "{\"subject\": \"" + s + "\", \"predicate\": \"" + p + "\", \"object\": \"" + o + "\"}";
  }
}
