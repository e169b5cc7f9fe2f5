package spatialthinker.scenes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;
import spatialthinker.scenes.render.Frame;
import spatialthinker.scenes.render.PngEncoder;
import spatialthinker.scenes.render.Renderer;
import spatialthinker.scenes.world.Relations;
import spatialthinker.scenes.world.SceneSampler;
import spatialthinker.scenes.world.World;
import spatialthinker.scenes.world.WorldObject;

/**
 * Turns a seed into a rendered scene: samples the world, renders it, keeps the objects that are
 * visible enough, names them {@code shape.N}, computes their relations and encodes the PNG.
 *
 * <p>An object enters the scene graph when at least {@link #MIN_VISIBLE_FRACTION} of its silhouette
 * and at least {@link #MIN_VISIBLE_PIXELS} pixels show it. A world is sampled again (from a seed
 * derived from the scene seed and the attempt) when fewer than two objects pass, when a visible
 * object rests on a hidden one, or when an object's bounding box leaves the frame; so the scene
 * seed alone reproduces the scene.
 *
 * <p>Not thread-safe (it owns a renderer); use one per thread.
 */
public final class SceneGenerator {

  /** Least share of an object's silhouette that must be visible for it to be listed. */
  public static final double MIN_VISIBLE_FRACTION = 0.2;

  /** Least number of pixels that must show an object for it to be listed. */
  public static final int MIN_VISIBLE_PIXELS = 25;

  private static final int MAX_ATTEMPTS = 32;

  private final Renderer renderer;
  private final PngEncoder png;
  private final SceneSampler sampler = new SceneSampler();

  /** A generator of square images {@code size} pixels wide. */
  public SceneGenerator(int size) {
    this.renderer = new Renderer(size, size);
    this.png = new PngEncoder(size, size);
  }

  /** The seed of scene {@code index} of a run seeded with {@code seed}: 53 bits, JSON-safe. */
  public static long sceneSeed(long seed, int index) {
    return mix(mix(seed) + 0x9E3779B97F4A7C15L * (index + 1L)) >>> 11;
  }

  /** The image id of scene {@code index}: six digits, {@code 000042}. */
  public static String imageId(int index) {
    return String.format(Locale.ROOT, "%06d", index);
  }

  /** A scene with its PNG, the world it was rendered from and that world's visible objects. */
  public record Generated(Scene scene, byte[] png, World world, List<Integer> visible) {}

  /** Generates the scene with the given seed; its image is {@code images/<imageId>.png}. */
  public Generated generate(long sceneSeed, String imageId) {
    for (int attempt = 0; ; attempt++) {
      long worldSeed = attempt == 0 ? sceneSeed : mix(sceneSeed + attempt);
      World world = sampler.sample(worldSeed);
      Frame frame = renderer.render(world);
      List<Integer> visible = visible(world, frame);
      if (!acceptable(world, visible)) {
        if (attempt + 1 >= MAX_ATTEMPTS) {
          throw new IllegalStateException(
              "scene seed " + sceneSeed + ": no acceptable world in " + MAX_ATTEMPTS + " attempts");
        }
        continue;
      }
      byte[] bytes = png.encode(frame);
      Scene scene = describe(sceneSeed, imageId, world, frame, visible, bytes);
      return new Generated(scene, bytes, world, visible);
    }
  }

  /** Renders a world into this generator's frame (for checks that need the pixels). */
  public Frame render(World world) {
    return renderer.render(world);
  }

  /** Indices of the objects that pass the visibility thresholds. */
  public static List<Integer> visible(World world, Frame frame) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < world.objects().size(); k++) {
      if (frame.visibleFraction(k) >= MIN_VISIBLE_FRACTION
          && frame.pixelCount(k) >= MIN_VISIBLE_PIXELS) {
        out.add(k);
      }
    }
    return out;
  }

  private boolean acceptable(World world, List<Integer> visible) {
    if (visible.size() < 2) {
      return false;
    }
    // Every object's bounding box must be in frame, so no silhouette is cut by the border.
    for (WorldObject o : world.objects()) {
      double[] b =
          world.camera().bounds(o.corners(), renderer.width(), renderer.height()).orElse(null);
      if (b == null
          || b[0] < 0
          || b[1] < 0
          || b[2] > renderer.width()
          || b[3] > renderer.height()) {
        return false;
      }
    }
    for (int k : visible) {
      int s = world.objects().get(k).support();
      if (s >= 0 && !visible.contains(s)) {
        return false;
      }
    }
    return true;
  }

  private Scene describe(
      long seed, String imageId, World world, Frame frame, List<Integer> visible, byte[] bytes) {
    int size = renderer.width();
    Map<Integer, String> ids = new HashMap<>();
    Map<Kind, Integer> counts = new HashMap<>();
    Map<Integer, int[]> boxes = new HashMap<>();
    List<SceneObject> objects = new ArrayList<>();
    List<ObjectTruth> truths = new ArrayList<>();
    Camera cam = world.camera();
    for (int k : visible) {
      WorldObject o = world.objects().get(k);
      int n = counts.merge(o.kind(), 1, Integer::sum);
      ids.put(k, o.kind().word() + "." + n);
    }
    for (int k : visible) {
      WorldObject o = world.objects().get(k);
      int[] b = frame.box(k).orElseThrow();
      boxes.put(k, b);
      objects.add(new SceneObject(ids.get(k), new Box(b[0], b[1], b[2], b[3])));
      Vec3 c = o.centre();
      truths.add(
          new ObjectTruth(
              ids.get(k),
              o.kind(),
              o.colour(),
              o.material(),
              o.size(),
              round(c),
              round(cam.depthOf(c)),
              round(o.dimensions()),
              o.yaw(),
              round(frame.visibleFraction(k)),
              o.support() < 0 ? Optional.empty() : Optional.of(ids.get(o.support()))));
    }
    List<Relation> relations = new ArrayList<>();
    for (Relations.Triplet t : Relations.compute(world, boxes)) {
      relations.add(new Relation(ids.get(t.subject()), t.predicate().text(), ids.get(t.object())));
    }
    List<HiddenObject> hidden = new ArrayList<>();
    for (int k = 0; k < world.objects().size(); k++) {
      if (!visible.contains(k) && frame.visibleFraction(k) > 0) {
        WorldObject o = world.objects().get(k);
        hidden.add(
            new HiddenObject(
                o.kind(),
                o.colour(),
                o.material(),
                o.size(),
                Math.max(1e-4, round(frame.visibleFraction(k))),
                frame.pixelCount(k)));
      }
    }
    SceneTruth truth = new SceneTruth(seed, cam, truths, hidden);
    SceneImage image = new SceneImage.Bytes("images/" + imageId + ".png", bytes);
    return new Scene(
        imageId, image, size, size, new SceneGraph(objects, relations), Optional.of(truth));
  }

  private static double round(double v) {
    return Math.rint(v * 1e4) / 1e4;
  }

  private static Vec3 round(Vec3 v) {
    return new Vec3(round(v.x()), round(v.y()), round(v.z()));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
