package spatialthinker.data;

import java.util.Objects;
import spatialthinker.scenes.Scene;
import spatialthinker.scenes.SceneImage;

/**
 * What a row needs to know about the scene it came from, without the scene graph.
 *
 * @param imageId the image id
 * @param sceneId the scene's identity across runs: the scene seed for rendered scenes, the image id
 *     for VG150
 * @param image the encoded image and its relative path
 * @param width image width in pixels
 * @param height image height in pixels
 * @param source {@code synthetic} or {@code vg150}
 */
public record SceneInfo(
    String imageId, String sceneId, SceneImage image, int width, int height, String source) {

  public SceneInfo {
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(sceneId, "sceneId");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(source, "source");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(imageId + ": image size must be positive");
    }
  }

  /** The row-level facts of a scene. */
  public static SceneInfo of(Scene scene) {
    String sceneId = scene.truth().map(t -> Long.toString(t.seed())).orElse(scene.imageId());
    return new SceneInfo(
        scene.imageId(),
        sceneId,
        scene.image(),
        scene.width(),
        scene.height(),
        scene.synthetic() ? "synthetic" : "vg150");
  }
}
