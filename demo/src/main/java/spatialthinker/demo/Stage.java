package spatialthinker.demo;

/** The demo's stages, in order; each leaves a marker when it finishes. */
public enum Stage {
  SCENES("scenes", "render scenes"),
  DATA("data", "synthesise QA"),
  SFT("sft", "SFT"),
  GRPO_DENSE("grpo-dense", "GRPO (dense reward)"),
  GRPO_SPARSE("grpo-sparse", "GRPO (sparse reward)"),
  SFT_BLIND("sft-blind", "SFT, images blanked (blind control)"),
  EVAL_SFT("eval-sft", "evaluate SFT"),
  EVAL_DENSE("eval-dense", "evaluate GRPO dense"),
  EVAL_SPARSE("eval-sparse", "evaluate GRPO sparse"),
  EVAL_BLIND("eval-blind", "evaluate the blind control"),
  REPORT("report", "write report");

  private final String id;
  private final String title;

  Stage(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** Short name: the marker file's name. */
  public String id() {
    return id;
  }

  /** What the stage does, for progress lines. */
  public String title() {
    return title;
  }

  /** The training stage of an arm. */
  static Stage training(Arm arm) {
    return switch (arm) {
      case SFT -> SFT;
      case DENSE -> GRPO_DENSE;
      case SPARSE -> GRPO_SPARSE;
      case BLIND -> SFT_BLIND;
    };
  }

  /** The evaluation stage of an arm. */
  static Stage evaluation(Arm arm) {
    return switch (arm) {
      case SFT -> EVAL_SFT;
      case DENSE -> EVAL_DENSE;
      case SPARSE -> EVAL_SPARSE;
      case BLIND -> EVAL_BLIND;
    };
  }
}
