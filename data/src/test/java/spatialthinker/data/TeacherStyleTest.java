package spatialthinker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import spatialthinker.core.parse.ResponseParser;

class TeacherStyleTest {

  private static final String OBSERVE =
      "The image shows 6 objects on a flat surface. The cube (cube.1) is in the middle of the"
          + " image, at [1, 2, 30, 40].";
  private static final String SCENE =
      "{\"objects\":[{\"id\":\"cube.1\",\"bbox\":[1,2,30,40]}],\"relationships\":[]}";

  @Test
  void compactKeepsTheCountTheGraphAndTheAnswer() {
    String r = TeacherStyle.COMPACT.response(OBSERVE, SCENE, "It is left.", "(B) left of");
    assertThat(r)
        .isEqualTo(
            "<observe>\n6 objects.\n</observe>\n<scene>\n"
                + SCENE
                + "\n</scene>\n<think>\nleft of is option (B).\n</think>\n<answer>(B) left of</answer>");
    assertThat(new ResponseParser().parse(r).isWellFormatted()).isTrue();
  }

  @Test
  void compactThinkWithoutALetteredOptionStatesTheAnswer() {
    assertThat(TeacherStyle.COMPACT.response(OBSERVE, SCENE, "x", "yes"))
        .contains("<think>\nThe answer is yes.\n</think>\n<answer>yes</answer>");
  }

  @Test
  void fullKeepsEverySentence() {
    String r = TeacherStyle.FULL.response(OBSERVE, SCENE, "It is left.", "(B) left of");
    assertThat(r)
        .contains(OBSERVE)
        .contains("It is left. Among the options, (B) left of is the answer.");
  }

  @Test
  void compactFallsBackToTheFirstSentenceOfAnUnusualObservation() {
    String r = TeacherStyle.COMPACT.response("A man rides. He smiles.", SCENE, "x", "(A) on");
    assertThat(r).startsWith("<observe>\nA man rides.\n</observe>");
    assertThat(
            TeacherStyle.COMPACT.response("The image shows 1 object on it.", SCENE, "x", "(A) a"))
        .startsWith("<observe>\n1 object.\n</observe>");
  }

  @Test
  void namesTheOptionOnABadName() {
    assertThat(TeacherStyle.of(" Compact ")).isEqualTo(TeacherStyle.COMPACT);
    assertThatThrownBy(() -> TeacherStyle.of("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--teacher must be full or compact, got 'short'");
  }
}
