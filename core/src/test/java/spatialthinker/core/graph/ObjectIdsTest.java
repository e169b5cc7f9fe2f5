package spatialthinker.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"cup.1", "fire_hydrant.12", "A.0", "_.3", "cup.\u0663"})
  void acceptsNameDotNumber(String id) {
    assertThat(ObjectIds.isValid(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cup",
        "cup.",
        ".1",
        "cup.1a",
        "cup 2.1",
        "traffic-light.1",
        "cup.1.2",
        "caf\u00e9.1"
      })
  void rejectsAnythingElse(String id) {
    assertThat(ObjectIds.isValid(id)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cup.2"})
  void namesArePartBeforeDot(String id) {
    assertThat(ObjectIds.name(id)).isEqualTo("cup");
  }
}
