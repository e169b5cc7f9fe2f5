package spatialthinker.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StableHashTest {

  @Test
  void matchesPublishedFnv1a64Vectors() {
    assertThat(StableHash.of("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(StableHash.of("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(StableHash.of("foobar")).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void hashesUtf8BytesNotChars() {
    assertThat(StableHash.of("é")).isNotEqualTo(StableHash.of("\u00e9".substring(0, 0)));
    assertThat(StableHash.hex("a")).isEqualTo("af63dc4c8601ec8c");
  }

  @Test
  void separatesParts() {
    assertThat(StableHash.of("ab", "c")).isNotEqualTo(StableHash.of("a", "bc"));
  }
}
