package spatialthinker.demo;

/**
 * A policy the demo evaluates: the SFT start, GRPO from it with the dense reward (the paper) or the
 * sparse one (vanilla GRPO: format and answer only), and the blind control: the same SFT on the
 * same rows with every image blanked, which can only answer from the question's words.
 */
public enum Arm {
  SFT("sft", "SFT", ""),
  DENSE("dense", "GRPO dense", "dense"),
  SPARSE("sparse", "GRPO sparse", "sparse"),
  BLIND("blind", "SFT blind (images blanked)", "");

  private final String id;
  private final String label;
  private final String reward;

  Arm(String id, String label, String reward) {
    this.id = id;
    this.label = label;
    this.reward = reward;
  }

  /** Short name: directory and model-id suffix. */
  public String id() {
    return id;
  }

  /** Name in the report. */
  public String label() {
    return label;
  }

  /** Whether the arm is trained by SFT (the sighted start or the blind control). */
  public boolean isSft() {
    return this == SFT || this == BLIND;
  }

  /** The reward preset GRPO trains with; empty for the SFT arms. */
  public String reward() {
    return reward;
  }

  /** The training run directory's name under the demo directory. */
  String trainDir() {
    return switch (this) {
      case SFT -> "sft";
      case BLIND -> "sft-blind";
      default -> "grpo-" + id;
    };
  }
}
