package spatialthinker.reward;

import spatialthinker.core.parse.ParseLimits;
import spatialthinker.core.parse.PyText;

/**
 * The vanilla-GRPO baseline of the paper: {@code 0.5 * format + 0.5 * accuracy}.
 *
 * <p>Format is 1 when the whole response is {@code <think>…</think>}, optional white space, then
 * {@code <answer>…</answer>} (the reference's {@code fullmatch} of {@code
 * <think>.*?</think>\s*<answer>.*?</answer>}). Accuracy compares the first single-line {@code
 * <answer>} of each side (or the whole text when there is none) after normalisation: lower case,
 * all white space removed, one trailing period dropped.
 */
public final class SparseReward implements Reward {

  private static final String THINK_OPEN = "<think>";
  private static final String THINK_CLOSE = "</think>";
  private static final String ANSWER_OPEN = "<answer>";
  private static final String ANSWER_CLOSE = "</answer>";

  private final ParseLimits limits;

  public SparseReward(ParseLimits limits) {
    this.limits = limits;
  }

  @Override
  public String name() {
    return "sparse";
  }

  @Override
  public RewardScore score(RewardInput input) {
    String response = input.response();
    if (response.length() > limits.maxResponseChars()) {
      return RewardScore.ZERO;
    }
    double format = isThinkThenAnswer(response) ? 1.0 : 0.0;
    String pred = normalise(answerOrWhole(response));
    String gt = normalise(answerOrWhole(input.groundTruth()));
    double accuracy = pred.equals(gt) ? 1.0 : 0.0;
    return new RewardScore(0.5 * format + 0.5 * accuracy, format, 0.0, accuracy, 0.0);
  }

  /** True when the whole text matches {@code <think>.*?</think>\s*<answer>.*?</answer>}. */
  static boolean isThinkThenAnswer(String s) {
    int n = s.length();
    if (!s.startsWith(THINK_OPEN) || !s.endsWith(ANSWER_CLOSE)) {
      return false;
    }
    int lastAnswerEnd = n - ANSWER_CLOSE.length();
    int i = s.indexOf(THINK_CLOSE, THINK_OPEN.length());
    while (i >= 0) {
      int j = i + THINK_CLOSE.length();
      while (j < n && PyText.isSpace(s.charAt(j))) {
        j++;
      }
      if (s.startsWith(ANSWER_OPEN, j) && j + ANSWER_OPEN.length() <= lastAnswerEnd) {
        return true;
      }
      i = s.indexOf(THINK_CLOSE, i + 1);
    }
    return false;
  }

  /** Content of the first {@code <answer>…</answer>} on one line, stripped; else the whole text. */
  static String answerOrWhole(String s) {
    int i = s.indexOf(ANSWER_OPEN);
    while (i >= 0) {
      int from = i + ANSWER_OPEN.length();
      int close = s.indexOf(ANSWER_CLOSE, from);
      if (close < 0) {
        break;
      }
      int newline = s.indexOf('\n', from);
      if (newline < 0 || newline >= close) {
        return PyText.strip(s.substring(from, close));
      }
      i = s.indexOf(ANSWER_OPEN, i + 1);
    }
    return PyText.strip(s);
  }

  static String normalise(String s) {
    StringBuilder b = new StringBuilder(s.length());
    String lower = PyText.lower(s);
    for (int k = 0; k < lower.length(); k++) {
      char c = lower.charAt(k);
      if (!PyText.isSpace(c)) {
        b.append(c);
      }
    }
    int len = b.length();
    if (len > 0 && b.charAt(len - 1) == '.') {
      b.setLength(len - 1);
    }
    return b.toString();
  }
}
