package spatialthinker.core.label;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExactLabelSimilarityTest {

  private final LabelSimilarity exact = new ExactLabelSimilarity();

  @Test
  void scoresOneForLabelsThatNormaliseAlike() {
    assertThat(exact.similarity("cup", "cup")).isEqualTo(1.0);
    assertThat(exact.similarity("cup.1", "Cups.7")).isEqualTo(1.0);
    assertThat(exact.similarity("fire_hydrant", "Fire-Hydrants")).isEqualTo(1.0);
    assertThat(exact.similarity("people", "person")).isEqualTo(1.0);
  }

  @Test
  void scoresZeroForDifferentLabelsHoweverClose() {
    assertThat(exact.similarity("cup", "mug")).isZero();
    assertThat(exact.similarity("sofa", "couch")).isZero();
    assertThat(exact.similarity("red cube", "cube")).isZero();
  }

  @Test
  void isSymmetric() {
    assertThat(exact.similarity("cup.1", "mug.2")).isEqualTo(exact.similarity("mug.2", "cup.1"));
    assertThat(exact.similarity("boxes", "box.4")).isEqualTo(exact.similarity("box.4", "boxes"));
  }

  @Test
  void treatsEmptyLabelsAsEqualToEachOtherOnly() {
    assertThat(exact.similarity("", "")).isEqualTo(1.0);
    assertThat(exact.similarity("", "cup")).isZero();
  }

  @Test
  void isNamedExact() {
    assertThat(exact.name()).isEqualTo("exact");
  }
}
