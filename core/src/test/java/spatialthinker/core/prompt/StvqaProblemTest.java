package spatialthinker.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StvqaProblemTest {

  private static final String Q =
      "Where is the red cube with respect to the sphere?\nOptions:\n(A) left of\n(B) right of";

  @Test
  void problemIsPrefixThenQuestion() {
    String p = StvqaProblem.of(320, 240, Q);
    assertThat(p).startsWith("<image> You are a vision-language assistant");
    assertThat(p).contains("\n\nImage size: (320 x 240)\n\nNow answer the following question:\n");
    assertThat(p).endsWith("Now answer the following question:\n\nQ. " + Q);
    assertThat(p).doesNotContain("{W}").doesNotContain("{H}").doesNotContain("{{");
  }

  @Test
  void prefixIsTheGeneratorsTextByteForByte() throws Exception {
    // SHA-256 of QUESTION_PREFIX.format(W=256, H=256) in data_gen/prompt.py of the SpatialThinker
    // repository at the commit docs/data.md records.
    byte[] d =
        MessageDigest.getInstance("SHA-256")
            .digest(StvqaProblem.prefix(256, 256).getBytes(StandardCharsets.UTF_8));
    assertThat(HexFormat.of().formatHex(d))
        .isEqualTo("9f0418a6dc8492d24a6660d93d53825c9fc02238b74c9c8f7b19d66c31b2c037");
  }

  @Test
  void parseGivesSizeAndQuestionBack() {
    var parts = StvqaProblem.parse(StvqaProblem.of(640, 480, Q)).orElseThrow();
    assertThat(parts.width()).isEqualTo(640);
    assertThat(parts.height()).isEqualTo(480);
    assertThat(parts.questionWithOptions()).isEqualTo(Q);
  }

  @Test
  void parseRejectsOtherTexts() {
    assertThat(StvqaProblem.parse("Image size: (64 x 64)\n\n" + Q)).isEmpty();
    String p = StvqaProblem.of(64, 64, Q);
    assertThat(StvqaProblem.parse(p.replace("(64 x 64)", "(64 x )"))).isEmpty();
    assertThat(StvqaProblem.parse(p.replace("\nQ. ", "\n"))).isEmpty();
    assertThat(StvqaProblem.parse(null)).isEmpty();
  }

  @Test
  void sizeMustBePositive() {
    assertThatThrownBy(() -> StvqaProblem.of(0, 10, Q))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 x 10");
  }
}
