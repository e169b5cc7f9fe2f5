package spatialthinker.scenes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;

/**
 * One scene: an image, its scene graph in pixels (what {@code <scene>} holds), and for rendered
 * scenes the exact 3D truth behind it. Boxes are proper ({@code x1 < x2, y1 < y2}) and inside the
 * image; the truth, when present, lists the same objects in the same order.
 *
 * @param imageId identifier unique within its source
 * @param image encoded image and its relative path
 * @param width image width in pixels
 * @param height image height in pixels
 * @param graph objects with pixel boxes and relation triplets
 * @param truth 3D truth; empty for scenes with 2D truth only (VG150)
 */
public record Scene(
    String imageId,
    SceneImage image,
    int width,
    int height,
    SceneGraph graph,
    Optional<SceneTruth> truth) {

  public Scene {
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(truth, "truth");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          imageId + ": image size must be positive, got " + width + "x" + height);
    }
    for (SceneObject o : graph.objects()) {
      Box b = o.bbox();
      if (!b.isProper() || b.x1() < 0 || b.y1() < 0 || b.x2() > width || b.y2() > height) {
        throw new IllegalArgumentException(
            imageId
                + ": bbox of "
                + o.id()
                + " must satisfy 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height, got "
                + List.of(b.x1(), b.y1(), b.x2(), b.y2()));
      }
    }
    if (truth.isPresent()) {
      List<String> graphIds = graph.objects().stream().map(SceneObject::id).toList();
      List<String> truthIds = truth.get().objects().stream().map(ObjectTruth::id).toList();
      if (!graphIds.equals(truthIds)) {
        throw new IllegalArgumentException(
            imageId + ": truth objects " + truthIds + " differ from graph objects " + graphIds);
      }
    }
  }

  /** True for rendered scenes, which carry 3D truth. */
  public boolean synthetic() {
    return truth.isPresent();
  }
}
