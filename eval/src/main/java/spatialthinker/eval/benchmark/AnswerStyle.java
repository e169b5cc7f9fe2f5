package spatialthinker.eval.benchmark;

/** How a benchmark's ground truth and options are read. */
public enum AnswerStyle {
  /** Options from the choices column; the answer a letter, option text or index. */
  CHOICES_COLUMN,
  /**
   * Options parsed from the question text; free-form (numbers, yes/no, words) when there are none.
   */
  CHOICES_IN_QUESTION,
  /** HallusionBench: options Yes/No; the answer {@code 1} means Yes, anything else No. */
  YES_NO_FLAG
}
