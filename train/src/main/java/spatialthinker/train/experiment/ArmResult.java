package spatialthinker.train.experiment;

import java.util.Map;

/**
 * One arm's evaluation for one seed on the val split.
 *
 * @param arm {@code sft} or a reward spec
 * @param seed the seed
 * @param accuracy answer accuracy
 * @param answerText share of answers naming the right option's text, whatever the letter
 * @param denseReward mean dense reward
 * @param boxIou mean IoU of ground-truth boxes with predicted boxes
 * @param formatRate share of well-formatted responses
 * @param byCategory accuracy per category
 */
public record ArmResult(
    String arm,
    long seed,
    double accuracy,
    double answerText,
    double denseReward,
    double boxIou,
    double formatRate,
    Map<String, Double> byCategory) {

  public ArmResult {
    byCategory = Map.copyOf(byCategory);
  }
}
