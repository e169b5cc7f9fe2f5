package spatialthinker.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;

class SceneTest {

  private static final SceneImage IMAGE = new SceneImage.Bytes("a.png", new byte[] {1});

  private static SceneGraph graph(Box box) {
    return new SceneGraph(List.of(new SceneObject("cube.1", box)), List.of());
  }

  @Test
  void rejectsBoxOutsideTheImage() {
    assertThatThrownBy(
            () -> new Scene("7", IMAGE, 64, 48, graph(new Box(0, 0, 65, 10)), Optional.empty()))
        .hasMessageContaining("7: bbox of cube.1 must satisfy");
  }

  @Test
  void rejectsBoxWithX2BeforeX1() {
    assertThatThrownBy(
            () -> new Scene("7", IMAGE, 64, 48, graph(new Box(9, 0, 3, 10)), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsTruthForOtherObjects() {
    ObjectTruth t =
        new ObjectTruth(
            "sphere.1",
            Kind.SPHERE,
            Colour.RED,
            Material.MATTE,
            SizeClass.SMALL,
            new Vec3(0, 0.2, 0),
            3,
            new Vec3(0.4, 0.4, 0.4),
            0,
            1,
            Optional.empty());
    SceneTruth truth =
        new SceneTruth(1, new Camera(new Vec3(0, 2, 4), new Vec3(0, 0, 0), 50), List.of(t));
    assertThatThrownBy(
            () -> new Scene("7", IMAGE, 64, 48, graph(new Box(0, 0, 5, 5)), Optional.of(truth)))
        .hasMessageContaining("differ from graph objects");
  }

  @Test
  void truthRejectsSupportThatIsNotInTheScene() {
    ObjectTruth t =
        new ObjectTruth(
            "sphere.1",
            Kind.SPHERE,
            Colour.RED,
            Material.MATTE,
            SizeClass.SMALL,
            new Vec3(0, 0.7, 0),
            3,
            new Vec3(0.4, 0.4, 0.4),
            0,
            1,
            Optional.of("cube.4"));
    Camera cam = new Camera(new Vec3(0, 2, 4), new Vec3(0, 0, 0), 50);
    assertThatThrownBy(() -> new SceneTruth(1, cam, List.of(t)))
        .hasMessageContaining("sphere.1: supported_by names 'cube.4'");
  }

  @Test
  void facingInImageIsZeroTowardsTheCameraAndNinetyToTheRight() {
    Camera cam = new Camera(new Vec3(0, 2, 5), new Vec3(0, 0, 0), 50);
    SceneTruth truth = new SceneTruth(1, cam, List.of());
    assertThat(truth.facingInImage(car(0))).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(truth.facingInImage(car(90)))
        .isCloseTo(90, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(truth.facingInImage(car(180)))
        .isCloseTo(180, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(truth.facingInImage(car(270)))
        .isCloseTo(-90, org.assertj.core.data.Offset.offset(1e-9));
  }

  private static ObjectTruth car(double yaw) {
    return new ObjectTruth(
        "car.1",
        Kind.CAR,
        Colour.RED,
        Material.MATTE,
        SizeClass.MEDIUM,
        new Vec3(0, 0.21, 0),
        5,
        new Vec3(0.5, 0.42, 1),
        yaw,
        1,
        Optional.empty());
  }

  @Test
  void inversePredicatesPairUp() {
    for (SpatialPredicate p : SpatialPredicate.values()) {
      p.inverse().ifPresent(inv -> assertThat(inv.inverse()).contains(p));
      assertThat(SpatialPredicate.of(p.text())).contains(p);
    }
    assertThat(SpatialPredicate.of("near")).isEmpty();
  }
}
