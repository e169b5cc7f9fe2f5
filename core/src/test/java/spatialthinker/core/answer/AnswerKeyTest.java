package spatialthinker.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerKeyTest {

  private static final Choices CUPS = Choices.of("left", "right", "behind");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(A)|A",
        "A|A",
        "a|A",
        "A.|A",
        "(b)|B",
        "B)|B",
        "[C]|C",
        " (B) |B",
        "(B) right|B",
        "right|B",
        "Right.|B",
        "BEHIND|C",
        "0|A",
        "2|C",
        "Option B|B",
        "Answer: C|C",
        "**B**|B"
      })
  void normalisesTheUsualForms(String raw, String letter) {
    assertThat(AnswerKey.letter(raw, CUPS)).contains(letter);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"(D)", "D", "3", "up", "left or right", "''", "A or B"})
  void rejectsWhatNamesNoOption(String raw) {
    assertThat(AnswerKey.letter(raw, CUPS)).isEmpty();
  }

  @Test
  void digitsAreOptionTextsWhenTheOptionsAreNumbers() {
    Choices counts = Choices.of("3", "2", "1", "0");
    assertThat(AnswerKey.letter("2", counts)).contains("B");
    assertThat(AnswerKey.letter("0", counts)).contains("D");
    assertThat(AnswerKey.letter("(A)", counts)).contains("A");
  }

  @Test
  void indexesMapToLetters() {
    assertThat(AnswerKey.fromIndex(1, CUPS)).contains("B");
    assertThat(AnswerKey.fromIndex(3, CUPS)).isEmpty();
    assertThat(AnswerKey.fromIndex(-1, CUPS)).isEmpty();
  }

  @Test
  void lettersWithoutOptionsAreAccepted() {
    assertThat(AnswerKey.letter("(C)", Choices.NONE)).contains("C");
  }

  @Test
  void optionsStoredWithTheirLettersCompareByText() {
    Choices lettered = Choices.of("(A) left", "(B) right");
    assertThat(AnswerKey.letter("right", lettered)).contains("B");
    assertThat(AnswerKey.letter("(B) right", lettered)).contains("B");
  }
}
