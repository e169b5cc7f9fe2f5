package spatialthinker.train.eval;

import spatialthinker.reward.RewardScore;

/**
 * The outcome of one evaluation prompt.
 *
 * @param category the question category
 * @param score the reward and its components
 * @param boxIou mean IoU of the ground-truth boxes with the predicted boxes of the same id (0 for a
 *     missing object or an unreadable scene)
 * @param answerRight whether the first answer is the right option, letter and text (ignoring case
 *     and surrounding white space), whatever the rest of the response looks like
 * @param answerTextRight whether the answer names the right option's text, whatever its letter
 * @param responseTokens generated tokens
 * @param response the response text
 */
public record ItemResult(
    String category,
    RewardScore score,
    double boxIou,
    boolean answerRight,
    boolean answerTextRight,
    int responseTokens,
    String response) {}
