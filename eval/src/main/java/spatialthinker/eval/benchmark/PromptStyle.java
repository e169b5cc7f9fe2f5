package spatialthinker.eval.benchmark;

/**
 * The per-benchmark prompt adjustments of the paper's evaluation script, applied around the chosen
 * {@link PromptTemplate}.
 */
public enum PromptStyle {
  /** The question column already holds the options (CV-Bench, BLINK, 3DSRBench, STVQA, …). */
  OPTIONS_IN_QUESTION,
  /**
   * RealWorldQA: the "answer directly with only the letter" hint is removed for spatial_thinker.
   */
  REALWORLDQA,
  /** SpatialBench and MMVP: "Please give the final answer within answer tags." is appended. */
  FINAL_ANSWER_HINT,
  /** HallusionBench: yes/no options (A) Yes (B) No are appended. */
  YES_NO_OPTIONS,
  /** MMMU-Pro standard: the options column is appended as (A) … lines. */
  APPEND_OPTIONS,
  /** MMMU-Pro vision: the question is in the image; a hint and the options are appended. */
  QUESTION_IN_IMAGE,
  /**
   * The script's {@code mmmu-pro-vision}: the {@code vision} template alone, whatever template is
   * asked for elsewhere.
   */
  VISION_ONLY
}
