package spatialthinker.scenes;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The 3D truth of a rendered scene: the seed it was sampled from, the camera, every object of its
 * scene graph (same order, same ids), and the objects drawn too faintly to be listed.
 *
 * @param seed the scene seed
 * @param camera the camera
 * @param objects the listed objects, in scene-graph order
 * @param hidden objects that show in the image but below the visibility thresholds, in sampling
 *     order
 */
public record SceneTruth(
    long seed, Camera camera, List<ObjectTruth> objects, List<HiddenObject> hidden) {

  /** Truth with no hidden objects. */
  public SceneTruth(long seed, Camera camera, List<ObjectTruth> objects) {
    this(seed, camera, objects, List.of());
  }

  public SceneTruth {
    Objects.requireNonNull(camera, "camera");
    objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
    hidden = List.copyOf(Objects.requireNonNull(hidden, "hidden"));
    Set<String> ids = new HashSet<>();
    for (ObjectTruth o : objects) {
      if (!ids.add(o.id())) {
        throw new IllegalArgumentException("duplicate object id '" + o.id() + "'");
      }
    }
    for (ObjectTruth o : objects) {
      o.supportedBy()
          .ifPresent(
              s -> {
                if (!ids.contains(s)) {
                  throw new IllegalArgumentException(
                      o.id() + ": supported_by names '" + s + "', which is not in the scene");
                }
              });
    }
  }

  /** The object with this id, if any. */
  public Optional<ObjectTruth> object(String id) {
    return objects.stream().filter(o -> o.id().equals(id)).findFirst();
  }

  /**
   * Where an object faces as a viewer of the image sees it, in degrees in (-180, 180]: 0 when its
   * front points at the camera, 90 towards the image's right, 180 away from the camera, -90 towards
   * the image's left.
   */
  public double facingInImage(ObjectTruth o) {
    Vec3 toCamera = camera.position().minus(o.position());
    Vec3 f = o.front();
    double towards = f.x() * toCamera.x() + f.z() * toCamera.z();
    Vec3 right = camera.right();
    double side = f.x() * right.x() + f.z() * right.z();
    double len = StrictMath.hypot(toCamera.x(), toCamera.z());
    double deg = Math.toDegrees(StrictMath.atan2(side, towards / len));
    return deg == -180 ? 180 : deg;
  }
}
