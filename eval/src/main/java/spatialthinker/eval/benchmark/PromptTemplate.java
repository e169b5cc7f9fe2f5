package spatialthinker.eval.benchmark;

import java.util.Locale;

/**
 * The prompt templates of the paper's evaluation script, and the SpatialThinker prompt as the
 * training data writes it.
 */
public enum PromptTemplate {
  /** The SpatialThinker format: observe, scene graph, think, answer; states the image size. */
  SPATIAL_THINKER,
  /**
   * The SpatialThinker instruction and image size without the script's {@code Now answer the
   * following question:} line: the text our small policies read of a training row's {@code problem}
   * (their prompt drops the instruction either way). For policies too small to read past text they
   * were never trained on.
   */
  SPATIAL_THINKER_TRAIN,
  /** Think, then answer, in tags. */
  REASONING,
  /** The question alone. */
  NO_REASONING,
  /**
   * The question, then the instruction to think in tags and answer in tags (the script's {@code
   * reasoning_end}, which it offers for RealWorldQA).
   */
  REASONING_END,
  /**
   * The script's {@code vision} template, for MMMU-Pro vision: a hint that the question is in the
   * image and the options as {@code Choices:} lines; the benchmark's instruction is not used.
   */
  VISION,
  /** The script's {@code yes_no} template: a yes-or-no hint, then the question (HallusionBench). */
  YES_NO;

  /** The command-line name, e.g. {@code spatial_thinker}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The template of a command-line name. */
  public static PromptTemplate parse(String name) {
    for (PromptTemplate t : values()) {
      if (t.cliName().equals(name.strip().toLowerCase(Locale.ROOT).replace('-', '_'))) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown template '"
            + name
            + "'; expected spatial_thinker, spatial_thinker_train, reasoning, no_reasoning,"
            + " reasoning_end, vision or yes_no");
  }
}
