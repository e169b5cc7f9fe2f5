package spatialthinker.train.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import spatialthinker.core.prompt.SpatialThinkerPrompt;
import spatialthinker.core.prompt.StvqaProblem;

class PromptTextTest {

  private static final String Q =
      "Which is closer to the camera, the red cube or the sphere?\nOptions:\n(A) the sphere\n(B) the"
          + " red cube";

  private final PromptText prompt = new PromptText(new Canonicalizer());

  @Test
  void stvqaProblemReadsAsTheInstructionForm() {
    String old =
        SpatialThinkerPrompt.INSTRUCTION
            + "\n\n"
            + SpatialThinkerPrompt.imageSize(96, 64)
            + "\n\n"
            + Q;
    String stvqa = StvqaProblem.of(96, 64, Q);
    assertThat(prompt.of(stvqa)).isEqualTo(prompt.of(old));
    assertThat(prompt.of(stvqa)).contains("(96 x 64)").doesNotContain("<image>");
  }
}
