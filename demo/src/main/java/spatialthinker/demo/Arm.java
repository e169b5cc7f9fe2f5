package spatialthinker.demo;

/**
 * A policy the demo evaluates: the SFT start, and GRPO from it with the dense reward (the paper) or
 * the sparse one (vanilla GRPO: format and answer only).
 */
public enum Arm {
  SFT("sft", "SFT", ""),
  DENSE("dense", "GRPO dense", "dense"),
  SPARSE("sparse", "GRPO sparse", "sparse");

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

  /** The reward preset GRPO trains with; empty for SFT. */
  public String reward() {
    return reward;
  }

  /** The training run directory's name under the demo directory. */
  String trainDir() {
    return this == SFT ? "sft" : "grpo-" + id;
  }
}
