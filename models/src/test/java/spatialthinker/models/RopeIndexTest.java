package spatialthinker.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RopeIndexTest {

  private static List<int[]> grids(SafetensorsFile ref) {
    long[] g = ref.longs("image.image_grid_thw");
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < g.length; i += 3) {
      out.add(new int[] {(int) g[i], (int) g[i + 1], (int) g[i + 2]});
    }
    return out;
  }

  @Test
  void imageChatPositionsEqualGetRopeIndex() {
    JsonNode chat = Fixture.json().path("chats").path("image");
    int[] ids = Fixture.ints(chat.get("input_ids"));
    SafetensorsFile ref = Fixture.reference();
    RopeIndex.Positions p = RopeIndex.of(ids, 432, grids(ref), 2);
    long[] want = ref.longs("image.position_ids");
    long[] got = new long[3 * ids.length];
    for (int a = 0; a < 3; a++) {
      System.arraycopy(p.ids()[a], 0, got, a * ids.length, ids.length);
    }
    assertThat(got).containsExactly(want);
    assertThat(p.delta()).isEqualTo(ref.longs("image.rope_delta")[0]);
    assertThat(p.delta()).isNegative();
  }

  @Test
  void textChatPositionsCountUp() {
    JsonNode chat = Fixture.json().path("chats").path("text");
    int[] ids = Fixture.ints(chat.get("input_ids"));
    SafetensorsFile ref = Fixture.reference();
    RopeIndex.Positions p = RopeIndex.of(ids, 432, List.of(), 2);
    long[] want = ref.longs("text.position_ids");
    for (int a = 0; a < 3; a++) {
      for (int i = 0; i < ids.length; i++) {
        assertThat(p.ids()[a][i]).isEqualTo(want[a * ids.length + i]);
      }
    }
    assertThat(p.delta()).isZero();
  }

  @Test
  void placeholderCountMustMatchTheImages() {
    assertThatThrownBy(() -> RopeIndex.of(new int[] {1, 432, 432, 2}, 432, List.of(), 2))
        .hasMessageContaining("more image placeholders");
    assertThatThrownBy(
            () ->
                RopeIndex.of(
                    new int[] {1, 432, 432, 2}, 432, List.<int[]>of(new int[] {1, 4, 4}), 2))
        .hasMessageContaining("needs 4");
    assertThatThrownBy(
            () -> RopeIndex.of(new int[] {1, 2}, 432, List.<int[]>of(new int[] {1, 2, 2}), 2))
        .hasMessageContaining("1 were given");
  }
}
