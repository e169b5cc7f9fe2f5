package spatialthinker.core.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChoicesTest {

  @Test
  void parsesParenthesisedOptionsOnOneLine() {
    Choices c =
        Choices.parseFrom(
            "Are the butterfly's wings closer to being open or closed? (a) Open (b) Closed");
    assertThat(c.options()).containsExactly("Open", "Closed");
  }

  @Test
  void parsesParenthesisedOptionsOnLines() {
    Choices c =
        Choices.parseFrom(
            "Which object is closer to the camera?\n(A) lamp\n(B) chair\n(C) table\nAnswer with the"
                + " letter.");
    assertThat(c.options()).containsExactly("lamp", "chair", "table");
  }

  @Test
  void parsesLetteredLines() {
    Choices c =
        Choices.parseFrom(
            "Which way is the car facing?\nA. Left\nB. Right\nC. Toward the camera\nPlease answer"
                + " directly with only the letter of the correct option and nothing else.");
    assertThat(c.options()).containsExactly("Left", "Right", "Toward the camera");
  }

  @Test
  void findsNothingInAPlainQuestion() {
    assertThat(Choices.parseFrom("How many chairs are in the image?").isEmpty()).isTrue();
    assertThat(Choices.parseFrom("Is (A) here?").isEmpty()).isTrue();
  }

  @Test
  void lettersFollowTheOptions() {
    Choices c = Choices.of("x", "y", "z");
    assertThat(c.letters()).containsExactly("A", "B", "C");
    assertThat(c.indexOf("b")).contains(1);
    assertThat(c.indexOf("D")).isEmpty();
    assertThat(c.option("C")).contains("z");
    assertThat(Choices.letter(25)).isEqualTo("Z");
  }

  @Test
  void rejectsMoreThan26Options() {
    assertThatThrownBy(() -> new Choices(Collections.nCopies(27, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 26");
    assertThatThrownBy(() -> Choices.letter(26)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Choices(List.of()).isEmpty()).isTrue();
  }
}
