package spatialthinker.scenes.world;

import spatialthinker.scenes.Vec3;

/**
 * A directional light (like the sun): unit direction from the scene towards the light, and its
 * intensity. Directional lights keep shadow tests cheap and shadows crisp.
 */
public record Light(Vec3 direction, double intensity) {

  public Light {
    if (Math.abs(direction.length() - 1) > 1e-9 || direction.y() <= 0) {
      throw new IllegalArgumentException("light direction must be a unit vector pointing up");
    }
    if (!(intensity > 0)) {
      throw new IllegalArgumentException("light intensity must be positive");
    }
  }
}
