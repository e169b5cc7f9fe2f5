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
  GROUNDING
}
