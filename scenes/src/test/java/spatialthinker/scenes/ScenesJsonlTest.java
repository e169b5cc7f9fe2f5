package spatialthinker.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenesJsonlTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIR = Path.of("/data/scenes");
  private static Scene scene;
  private static String line;

  @BeforeAll
  static void generate() {
    scene = new SceneGenerator(64).generate(SceneGenerator.sceneSeed(1, 3), "000003").scene();
    line = ScenesJsonl.toLine(scene);
  }

  @Test
  void writesTheDocumentedFieldsInOrder() throws Exception {
    var root = JSON.readTree(line);
    assertThat(root.fieldNames())
        .toIterable()
        .containsExactly(
            "image_id",
            "image",
            "width",
            "height",
            "seed",
            "camera",
            "objects",
            "hidden",
            "relationships");
    assertThat(root.get("camera").fieldNames())
        .toIterable()
        .containsExactly("position", "look_at", "fov");
    assertThat(root.get("objects").get(0).fieldNames())
        .toIterable()
        .containsExactly(
            "id",
            "bbox",
            "shape",
            "color",
            "material",
            "size",
            "position",
            "depth",
            "dimensions",
            "yaw",
            "visible_fraction",
            "supported_by");
    assertThat(root.get("image").asText()).isEqualTo("images/000003.png");
    assertThat(root.get("objects").get(0).get("bbox").get(0).isIntegralNumber()).isTrue();
  }

  @Test
  void roundTripsToTheSameScene() {
    Scene back = ScenesJsonl.parse(line, DIR, "scenes.jsonl line 4");
    assertThat(back.image())
        .isEqualTo(new SceneImage.File("images/000003.png", DIR.resolve("images/000003.png")));
    assertThat(back.graph()).isEqualTo(scene.graph());
    assertThat(back.truth()).isEqualTo(scene.truth());
    assertThat(ScenesJsonl.toLine(back)).isEqualTo(line);
  }

  static Stream<Arguments> breakages() {
    return Stream.of(
        broken("objects[0].bbox must be 4 finite numbers", n -> obj(n).putArray("bbox").add(1)),
        broken("objects[0].shape is not valid", n -> obj(n).put("shape", "teapot")),
        broken("objects[0].depth is missing", n -> obj(n).remove("depth")),
        broken(
            "camera.fov must be a finite number",
            n -> ((ObjectNode) n.get("camera")).put("fov", "wide")),
        broken("width must be a positive integer", n -> n.put("width", 0)),
        broken("image must be a path inside the directory", n -> n.put("image", "../x.png")),
        broken("relationships must be an array", n -> n.put("relationships", 3)),
        broken("hidden must be an array", n -> n.put("hidden", "none")),
        broken(
            "hidden[0].shape is not valid",
            n ->
                n.putArray("hidden")
                    .addObject()
                    .put("shape", "teapot")
                    .put("color", "red")
                    .put("material", "matte")
                    .put("size", "small")
                    .put("visible_fraction", 0.1)
                    .put("pixels", 3)));
  }

  private static Arguments broken(String message, Consumer<ObjectNode> edit) {
    return Arguments.of(message, edit);
  }

  private static ObjectNode obj(ObjectNode n) {
    return (ObjectNode) n.get("objects").get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void rejectsBrokenFieldsNamingThem(String message, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode n = (ObjectNode) JSON.readTree(line);
    edit.accept(n);
    String text = JSON.writeValueAsString(n);
    assertThatThrownBy(() -> ScenesJsonl.parse(text, DIR, "scenes.jsonl line 9"))
        .isInstanceOf(MalformedSceneException.class)
        .hasMessageStartingWith("scenes.jsonl line 9: ")
        .hasMessageContaining(message);
  }

  @Test
  void roundTripsHiddenObjectsAndReadsLinesWithoutThemAsNone() throws Exception {
    ObjectNode n = (ObjectNode) JSON.readTree(line);
    n.putArray("hidden")
        .addObject()
        .put("shape", "cone")
        .put("color", "red")
        .put("material", "shiny")
        .put("size", "large")
        .put("visible_fraction", 0.125)
        .put("pixels", 14);
    Scene withHidden = ScenesJsonl.parse(JSON.writeValueAsString(n), DIR, "l");
    assertThat(withHidden.truth().orElseThrow().hidden())
        .containsExactly(
            new HiddenObject(Kind.CONE, Colour.RED, Material.SHINY, SizeClass.LARGE, 0.125, 14));
    assertThat(ScenesJsonl.toLine(withHidden)).isEqualTo(JSON.writeValueAsString(n));
    n.remove("hidden");
    assertThat(
            ScenesJsonl.parse(JSON.writeValueAsString(n), DIR, "l").truth().orElseThrow().hidden())
        .isEmpty();
  }

  @Test
  void rejectsTextThatIsNotJson() {
    assertThatThrownBy(() -> ScenesJsonl.parse("{\"image_id\": ", DIR, "f line 2"))
        .isInstanceOf(MalformedSceneException.class)
        .hasMessageStartingWith("f line 2: not JSON");
  }

  @Test
  void refusesToWriteSceneWithoutTruth() {
    Scene flat = new Scene("1", scene.image(), 64, 64, scene.graph(), java.util.Optional.empty());
    assertThatThrownBy(() -> ScenesJsonl.toLine(flat)).hasMessageContaining("no 3D truth");
    assertThat(List.of(flat.synthetic(), scene.synthetic())).containsExactly(false, true);
  }
}
