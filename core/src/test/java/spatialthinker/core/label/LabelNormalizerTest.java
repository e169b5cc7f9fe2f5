package spatialthinker.core.label;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelNormalizerTest {

  @ParameterizedTest
  @CsvSource({"cup.1, cup", "cup.12, cup", "traffic_light.3, traffic light", "cube, cube"})
  void dropsTheIdSuffix(String input, String expected) {
    assertThat(LabelNormalizer.normalize(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "fire_hydrant, fire hydrant",
    "t-shirt, t shirt",
    "stop__sign, stop sign",
    "'  Coffee   Mug  ', coffee mug",
    "'wine\tglass', wine glass"
  })
  void turnsSeparatorsIntoSingleSpaces(String input, String expected) {
    assertThat(LabelNormalizer.normalize(input)).isEqualTo(expected);
  }

  @Test
  void lowerCasesWithoutLocaleSurprises() {
    assertThat(LabelNormalizer.normalize("TITLE")).isEqualTo("title");
    assertThat(LabelNormalizer.normalize("Dog.2")).isEqualTo("dog");
  }

  @ParameterizedTest
  @CsvSource({
    "cups, cup",
    "benches, bench",
    "dishes, dish",
    "dresses, dress",
    "boxes, box",
    "babies, baby",
    "toys, toy",
    "knives, knife",
    "leaves, leaf",
    "shelves, shelf",
    "people, person",
    "men, man",
    "women, woman",
    "children, child",
    "feet, foot",
    "mice, mouse",
    "glasses, glass",
    "buses, bus",
    "tomatoes, tomato",
    "oranges, orange",
    "sizes, size",
    "prizes, prize",
    "skis, ski",
    "taxis, taxi",
    "menus, menu",
    "cookies, cookie",
    "movies, movie",
    "mangoes, mango",
    "lenses, lens",
    "mustaches, mustache"
  })
  void singularisesPlurals(String plural, String singular) {
    assertThat(LabelNormalizer.normalize(plural)).isEqualTo(singular);
  }

  @ParameterizedTest
  @CsvSource({
    "bus",
    "glass",
    "dress",
    "cactus",
    "tennis",
    "lens",
    "canvas",
    "news",
    "sheep",
    "pants",
    "jeans",
    "shorts",
    "scissors"
  })
  void leavesWordsAlreadyInTheirLabelFormAlone(String word) {
    assertThat(LabelNormalizer.normalize(word)).isEqualTo(word);
  }

  @ParameterizedTest
  @CsvSource({"pant, pants", "jean, jeans", "short, shorts"})
  void foldsVg150SingularsOfPluralOnlyNounsIntoThePlural(String vg150, String label) {
    assertThat(LabelNormalizer.normalize(vg150)).isEqualTo(LabelNormalizer.normalize(label));
  }

  @ParameterizedTest
  @CsvSource({
    "Coffee_Mugs.3, coffee mug",
    "traffic-lights, traffic light",
    "tennis_rackets.2, tennis racket",
    "glasses case, glasses case",
    "red cubes, red cube"
  })
  void singularisesOnlyTheLastWordOfAPhrase(String input, String expected) {
    assertThat(LabelNormalizer.normalize(input)).isEqualTo(expected);
  }

  @Test
  void keepsEmptyAndBlankLabelsEmpty() {
    assertThat(LabelNormalizer.normalize("")).isEmpty();
    assertThat(LabelNormalizer.normalize("   ")).isEmpty();
    assertThat(LabelNormalizer.normalize(".3")).isEmpty();
  }

  @Test
  void isIdempotent() {
    for (String label : new String[] {"Coffee_Mugs.3", "people", "leaves", "boxes", "skis"}) {
      String once = LabelNormalizer.normalize(label);
      assertThat(LabelNormalizer.normalize(once)).as(label).isEqualTo(once);
    }
  }
}
