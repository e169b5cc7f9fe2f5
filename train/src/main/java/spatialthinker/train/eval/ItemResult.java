package spatialthinker.train.eval;

import spatialthinker.reward.RewardScore;

/**
 * The outcome of one evaluation prompt.
 *
 * @param category the question category
 * @param score the reward and its components
 * @param boxIou mean IoU of the ground-truth boxes with the predicted boxes of the same id (0 for a
 *     missing object or an unreadable scene)
 * @param responseTokens generated tokens
 * @param response the response text
 */
public record ItemResult(
    String category, RewardScore score, double boxIou, int responseTokens, String response) {}
