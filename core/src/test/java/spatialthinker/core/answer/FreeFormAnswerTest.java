package spatialthinker.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreeFormAnswerTest {

  private static final AnswerExtractor EXTRACTOR = new AnswerExtractor();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "3|3", "three|3", "There are 3 chairs.|3", "<answer>3</answer>|3", "Answer: Three|3",
        "Yes|yes", "yes, it is.|yes", "No.|no", "<answer>No</answer>|no", "The red one.|red one"
      })
  void matchesTheTruth(String response, String truth) {
    String pred = EXTRACTOR.extractFreeForm(response).answer().orElse("");
    assertThat(FreeFormAnswer.matches(pred, truth)).as(pred).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"3 chairs and 2 tables|3", "4|3", "No|yes", "''|3", "<answer></answer>|3"})
  void doesNotMatch(String response, String truth) {
    String pred = EXTRACTOR.extractFreeForm(response).answer().orElse("");
    assertThat(FreeFormAnswer.matches(pred, truth)).isFalse();
  }

  @Test
  void normalisesNumberWordsArticlesAndPunctuation() {
    assertThat(FreeFormAnswer.normalize("**Two.**")).isEqualTo("2");
    assertThat(FreeFormAnswer.normalize("The lamp")).isEqualTo("lamp");
    assertThat(FreeFormAnswer.normalize("Yes, definitely")).isEqualTo("yes");
  }

  @Test
  void anArticleAloneOrALetterInParenthesesIsNeverEmptied() {
    assertThat(FreeFormAnswer.normalize("A")).isEqualTo("a");
    assertThat(FreeFormAnswer.normalize("a")).isEqualTo("a");
    assertThat(FreeFormAnswer.normalize("an")).isEqualTo("an");
    assertThat(FreeFormAnswer.normalize("The.")).isEqualTo("the");
    assertThat(FreeFormAnswer.normalize("(a)")).isEqualTo("a");
    assertThat(FreeFormAnswer.normalize("a cat")).isEqualTo("cat");
    assertThat(FreeFormAnswer.normalize("...")).isEmpty();
    assertThat(FreeFormAnswer.matches("A", "A")).isTrue();
    assertThat(FreeFormAnswer.matches("(a)", "(a)")).isTrue();
    assertThat(FreeFormAnswer.matches("B", "A")).isFalse();
  }

  @Test
  void yesNoReadsAsWords() {
    assertThat(EXTRACTOR.extractYesNo("<answer>Yes</answer>").answer()).contains("yes");
    assertThat(EXTRACTOR.extractYesNo("(B) No").answer()).contains("no");
    assertThat(EXTRACTOR.extractYesNo("Yes or no").answer()).isEmpty();
  }

  @Test
  void conflictingAnswerBlocksGiveNoAnswer() {
    assertThat(EXTRACTOR.extractFreeForm("<answer>3</answer><answer>4</answer>").answer())
        .isEmpty();
  }
}
