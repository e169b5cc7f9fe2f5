package spatialthinker.eval.benchmark;

/** Benchmark-specific scores computed beside accuracy. */
public enum Metric {
  /** CV-Bench: 2D = mean(ADE20K, COCO) accuracy, 3D = Omni3D, overall = mean(2D, 3D). */
  CV_BENCH,
  /** 3DSRBench full: items 2k and 2k+1 are two views of one question; both right counts. */
  VIEW_CONSISTENCY,
  /** MMVP: items 2k and 2k+1 are a CLIP-blind pair; both right counts (the MMVP paper's score). */
  PAIR_ACCURACY,
  /** Items with a ground-truth scene graph: format rate, matched-box IoU, dense reward. */
  GROUNDING,
  /**
   * 3DSRBench as lmms-eval scores it, from the {@code qid} and {@code category} columns: circular
   * accuracy (every circular variant of a question right, flipped ones apart), flip accuracy (a
   * question and its flip both right), flip+circular accuracy (all variants right), and accuracy
   * per fine-grained category.
   */
  THREEDSR_PROTOCOL,
  /**
   * HallusionBench as its authors score it: aAcc (all questions), qAcc (every question of a
   * question group right: category, subcategory, set_id, question_id) and fAcc (every question
   * about a figure right: category, subcategory, set_id, figure_id).
   */
  HALLUSION,
  /** MMMU-Pro: accuracy per {@code subject}. */
  PER_SUBJECT
}
