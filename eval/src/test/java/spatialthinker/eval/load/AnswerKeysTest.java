package spatialthinker.eval.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import spatialthinker.core.answer.Choices;

class AnswerKeysTest {

  @Test
  void articlesAndLettersAsWholeTruthsStay() {
    assertThat(AnswerKeys.freeForm("A")).isEqualTo("a");
    assertThat(AnswerKeys.freeForm("the")).isEqualTo("the");
    assertThat(AnswerKeys.freeForm("an")).isEqualTo("an");
    assertThat(AnswerKeys.freeForm("The lamp.")).isEqualTo("lamp");
    assertThatThrownBy(() -> AnswerKeys.freeForm(" ... "))
        .isInstanceOf(AnswerKeys.Invalid.class)
        .hasMessage("free-form answer ' ... ' is empty once normalised");
  }

  @Test
  void mmvpParenthesisedLowerCaseLetterNamesItsOption() {
    AnswerKeys.Key k =
        AnswerKeys.fromQuestion("Is the door open or closed? (a) Open (b) Closed", "(a)");
    assertThat(k.choices().options()).containsExactly("Open", "Closed");
    assertThat(k.answer()).isEqualTo("A");
    // without options in the text the letter itself is the truth, never an empty string
    assertThat(AnswerKeys.fromQuestion("Which one?", "(a)").answer()).isEqualTo("a");
  }

  @Test
  void inlineOptionsAreParsed() {
    AnswerKeys.Key k =
        AnswerKeys.fromQuestion(
            "Where is the cup? Options: A. left of the plate, B. right of the plate, C. on it."
                + " Answer with the letter.",
            "B");
    assertThat(k.choices().options())
        .containsExactly("left of the plate", "right of the plate", "on it");
    assertThat(k.answer()).isEqualTo("B");
    assertThat(InlineOptions.parse("Choose: A) yes B) no").options()).containsExactly("yes", "no");
    assertThat(InlineOptions.parse("Choices: A: red; B: blue; or C: green").options())
        .containsExactly("red", "blue", "green");
    assertThat(InlineOptions.parse("Is it a cat?")).isEqualTo(Choices.NONE);
    assertThat(InlineOptions.parse("Plan A. Then B.")).isEqualTo(Choices.NONE);
    // RealWorldQA's lines still go through the line reader
    assertThat(InlineOptions.parse("Which way?\nA. Left\nB. Right\nC. Straight").options())
        .containsExactly("Left", "Right", "Straight");
  }

  @Test
  void digitsAreNeverAZeroBasedIndex() {
    Choices shapes = Choices.of("cube", "sphere", "cone");
    assertThatThrownBy(() -> AnswerKeys.letter("1", shapes, false))
        .isInstanceOf(AnswerKeys.Invalid.class)
        .hasMessageStartingWith("answer '1' names none of the 3 options");
    Choices counts = Choices.of("0", "1", "2", "3");
    assertThat(AnswerKeys.letter("1", counts, false)).isEqualTo("B");
    assertThat(AnswerKeys.letter("(C)", counts, false)).isEqualTo("C");
    // a typed integer is an index
    assertThat(AnswerKeys.letter("1", shapes, true)).isEqualTo("B");
    // a free-form count stays a count
    assertThat(AnswerKeys.fromQuestion("How many chairs?", "2").answer()).isEqualTo("2");
  }

  @Test
  void optionListsNeedTwoToTwentySix() {
    assertThatThrownBy(() -> AnswerKeys.options(List.of("x"), false))
        .hasMessage("needs 2 to 26 options, has 1");
    assertThat(AnswerKeys.options(List.of(), true)).isEqualTo(Choices.NONE);
    assertThatThrownBy(() -> AnswerKeys.options("left, right", false))
        .hasMessage("options 'left, right' are not a list");
    assertThat(AnswerKeys.yesNoFlag("1")).isEqualTo("A");
    assertThatThrownBy(() -> AnswerKeys.yesNoFlag("2")).hasMessage("yes/no flag '2' is not 1 or 0");
  }
}
