package spatialthinker.scenes.world;

import java.util.List;
import java.util.Objects;
import spatialthinker.scenes.Camera;

/**
 * A sampled 3D scene: objects on a ground plane, the camera, the lights and the colours of the
 * ground and sky.
 *
 * @param seed the seed it was sampled from
 * @param objects the objects; supports come before what rests on them
 * @param camera the camera
 * @param lights one or two directional lights
 * @param ambient ambient light level
 * @param groundRgb sRGB colour of the ground ({@code 0xRRGGBB})
 */
public record World(
    long seed,
    List<WorldObject> objects,
    Camera camera,
    List<Light> lights,
    double ambient,
    int groundRgb) {

  public World {
    objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
    lights = List.copyOf(Objects.requireNonNull(lights, "lights"));
    Objects.requireNonNull(camera, "camera");
    if (lights.isEmpty() || lights.size() > 2) {
      throw new IllegalArgumentException("a world has one or two lights, got " + lights.size());
    }
    for (int i = 0; i < objects.size(); i++) {
      int s = objects.get(i).support();
      if (s >= i) {
        throw new IllegalArgumentException(
            "object " + i + " rests on object " + s + ", which must come before it");
      }
    }
  }
}
