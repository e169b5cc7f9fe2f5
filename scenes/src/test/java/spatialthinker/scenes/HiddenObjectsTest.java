package spatialthinker.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import spatialthinker.scenes.render.Frame;
import spatialthinker.scenes.world.WorldObject;

class HiddenObjectsTest {

  @Test
  void everyDrawnObjectIsListedOrRecordedAsHidden() {
    SceneGenerator gen = new SceneGenerator(96);
    int withHidden = 0;
    for (int i = 0; i < 150; i++) {
      SceneGenerator.Generated g = gen.generate(SceneGenerator.sceneSeed(5, i), "x");
      Frame frame = gen.render(g.world());
      List<HiddenObject> expected = new ArrayList<>();
      for (int k = 0; k < g.world().objects().size(); k++) {
        if (g.visible().contains(k)) {
          continue;
        }
        assertThat(
                frame.visibleFraction(k) < SceneGenerator.MIN_VISIBLE_FRACTION
                    || frame.pixelCount(k) < SceneGenerator.MIN_VISIBLE_PIXELS)
            .isTrue();
        if (frame.visibleFraction(k) > 0) {
          WorldObject o = g.world().objects().get(k);
          expected.add(
              new HiddenObject(
                  o.kind(),
                  o.colour(),
                  o.material(),
                  o.size(),
                  Math.max(1e-4, Math.rint(frame.visibleFraction(k) * 1e4) / 1e4),
                  frame.pixelCount(k)));
        }
      }
      List<HiddenObject> hidden = g.scene().truth().orElseThrow().hidden();
      assertThat(hidden).isEqualTo(expected);
      hidden.forEach(
          h ->
              assertThat(
                      h.visibleFraction() < SceneGenerator.MIN_VISIBLE_FRACTION
                          || h.pixels() < SceneGenerator.MIN_VISIBLE_PIXELS)
                  .isTrue());
      withHidden += hidden.isEmpty() ? 0 : 1;
    }
    // Enough scenes hide something for the check to mean something.
    assertThat(withHidden).isGreaterThan(3);
  }
}
