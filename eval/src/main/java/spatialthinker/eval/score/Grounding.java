package spatialthinker.eval.score;

/**
 * How well a response's own {@code <scene>} grounds the question's objects.
 *
 * @param formatOk whether the response has the SpatialThinker format with a valid scene graph
 * @param matchedIou the mean, over ground-truth objects, of the IoU of the predicted box matched to
 *     each (Hungarian, cost {@code 2·(1 − label match) + (1 − IoU)}); 0 for an object left
 *     unmatched and for a response without a valid scene graph
 * @param denseReward the paper's dense reward of the response (format, count, accuracy, spatial)
 */
public record Grounding(boolean formatOk, double matchedIou, double denseReward) {

  public Grounding {
    if (!(matchedIou >= 0 && matchedIou <= 1) || !(denseReward >= 0 && denseReward <= 1)) {
      throw new IllegalArgumentException(
          "grounding scores must be in [0, 1], got " + matchedIou + ", " + denseReward);
    }
  }
}
