package spatialthinker.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QwenVlModelTest {

  private static NDManager manager;
  private static QwenVlModel model;

  @BeforeAll
  static void load() {
    manager = NDManager.newBaseManager();
    model = QwenVlModel.load(Fixture.hf(), manager);
  }

  @AfterAll
  static void close() {
    model.close();
    manager.close();
  }

  private static List<int[]> grids(SafetensorsFile ref) {
    long[] g = ref.longs("image.image_grid_thw");
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < g.length; i += 3) {
      out.add(new int[] {(int) g[i], (int) g[i + 1], (int) g[i + 2]});
    }
    return out;
  }

  private static double maxDiff(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double worst = 0;
    double scale = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.abs(b[i]));
    }
    // The reference must be far from zero for the tolerance to mean anything.
    assertThat(scale).isGreaterThan(0.5);
    return worst;
  }

  @Test
  void visionTowerMatchesTransformers() {
    SafetensorsFile ref = Fixture.reference();
    try (NDManager m = manager.newSubManager()) {
      NDArray out = model.encodeImages(m, ref.floats("image.pixel_values"), grids(ref));
      assertThat(out.getShape().getShape()).containsExactly(21, 64);
      assertThat(maxDiff(out.toFloatArray(), ref.floats("image.image_embeds"))).isLessThan(1e-4);
    }
  }

  private static void logitsMatch(String chat) {
    SafetensorsFile ref = Fixture.reference();
    JsonNode c = Fixture.json().path("chats").path(chat);
    int[] ids = Fixture.ints(c.get("input_ids"));
    try (NDManager m = manager.newSubManager();
        QwenVlModel.KvCache cache = model.newCache(m)) {
      NDArray img = null;
      List<int[]> grids = List.of();
      if (chat.equals("image")) {
        grids = grids(ref);
        img = model.encodeImages(m, ref.floats("image.pixel_values"), grids);
      }
      RopeIndex.Positions pos = RopeIndex.of(ids, model.config().imageTokenId(), grids, 2);
      NDArray x = model.embed(m, ids, img).expandDims(0);
      NDArray h = model.decode(m, x, pos.ids(), cache);
      NDArray logits = model.logits(h.get(0));
      float[] first = logits.get(0).toFloatArray();
      float[] last = logits.get(ids.length - 1).toFloatArray();
      assertThat(maxDiff(first, ref.floats(chat + ".logits_first"))).isLessThan(1e-4);
      assertThat(maxDiff(last, ref.floats(chat + ".logits_last"))).isLessThan(1e-4);
    }
  }

  @Test
  void imageChatLogitsMatchTransformers() {
    logitsMatch("image");
  }

  @Test
  void textChatLogitsMatchTransformers() {
    logitsMatch("text");
  }
}
