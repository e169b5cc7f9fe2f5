package spatialthinker.scenes.render;

import java.util.List;
import java.util.Optional;
import spatialthinker.scenes.Camera;
import spatialthinker.scenes.Vec3;
import spatialthinker.scenes.world.Light;
import spatialthinker.scenes.world.World;
import spatialthinker.scenes.world.WorldObject;

/**
 * Ray-casting renderer: analytic intersections, Lambert diffuse plus a hemispheric ambient term, a
 * specular highlight on shiny parts, hard shadows from every light, 2×2 samples per pixel.
 *
 * <p>Speed comes from doing little per sample: objects are culled per 8×8-pixel tile by the screen
 * rectangle of their bounding sphere; a ray meets an object's parts only after its bounding sphere;
 * shadow rays from the ground first test the ground box each object's shadow can fall in; nothing
 * is allocated per sample. Only {@code + - * /} and square roots run per sample (the trigonometry
 * is done once per scene with {@code StrictMath}), so output is bit-identical on every JVM and
 * thread.
 *
 * <p>Not thread-safe: use one renderer per thread. It reuses its buffers, so the returned {@link
 * Frame} is valid until the next call.
 */
public final class Renderer {

  private static final int TILE_SHIFT = 3;
  private static final double SHADOW_OFFSET = 1e-5;
  private static final double FOG_DISTANCE_SQ = 20 * 20;

  private final int width;
  private final int height;
  private final Frame frame;
  private final Tracer tracer = new Tracer();
  private final float[] srgbToLinear = new float[256];
  private final int[] linearToSrgb = new int[4096];
  private final int tilesX;
  private final int[] tiles;
  // Per light and tile: objects whose shadow can fall on the ground the tile shows.
  private final int[] groundCasters;
  // Per light and object: objects that can shadow some point of the object.
  private int[] objectCasters = new int[2 * 8];
  private final double[] rowX;
  private final double[] rowY;
  private final double[] rowZ;
  private final double[] colX;
  private final double[] colZ;
  private final double[] lightX = new double[2];
  private final double[] lightY = new double[2];
  private final double[] lightZ = new double[2];
  private final double[] lightI = new double[2];
  private int lightCount;
  private double ambient;
  private double fx;
  private double fy;
  private double fz;
  private double rx;
  private double rz;
  private double ux;
  private double uy;
  private double uz;
  private double tanHalf;
  private double aspect;
  private double ex;
  private double ey;
  private double ez;
  private double groundR;
  private double groundG;
  private double groundB;
  // Colour of the last shaded sample.
  private double sr;
  private double sg;
  private double sb;

  /** A renderer for images of {@code width × height} pixels. */
  public Renderer(int width, int height) {
    if (width < 8 || height < 8 || (long) width * height > 16_000_000) {
      throw new IllegalArgumentException(
          "image size must be at least 8x8 and at most 16 megapixels, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.frame = new Frame(width, height);
    this.tilesX = (width + (1 << TILE_SHIFT) - 1) >> TILE_SHIFT;
    int tilesY = (height + (1 << TILE_SHIFT) - 1) >> TILE_SHIFT;
    this.tiles = new int[tilesX * tilesY];
    this.groundCasters = new int[2 * tilesX * tilesY];
    this.rowX = new double[2 * height];
    this.rowY = new double[2 * height];
    this.rowZ = new double[2 * height];
    this.colX = new double[2 * width];
    this.colZ = new double[2 * width];
    for (int i = 0; i < 256; i++) {
      srgbToLinear[i] = (float) StrictMath.pow(i / 255.0, 2.2);
    }
    for (int i = 0; i < linearToSrgb.length; i++) {
      linearToSrgb[i] =
          (int) Math.round(255 * StrictMath.pow(i / (linearToSrgb.length - 1.0), 1 / 2.2));
    }
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Renders a world; the frame is overwritten by the next call. */
  public Frame render(World world) {
    tracer.load(world, srgbToLinear);
    frame.reset(world.objects().size());
    setUpCamera(world.camera());
    setUpLights(world);
    cullTiles(world);
    cullShadows();
    int sw = 2 * width;
    for (int y = 0; y < height; y++) {
      int tileRow = (y >> TILE_SHIFT) * tilesX;
      for (int x = 0; x < width; x++) {
        int tile = tileRow + (x >> TILE_SHIFT);
        int mask = tiles[tile];
        double r = 0;
        double g = 0;
        double b = 0;
        for (int j = 0; j < 2; j++) {
          int sy = 2 * y + j;
          for (int i = 0; i < 2; i++) {
            int sx = 2 * x + i;
            double dx = rowX[sy] + colX[sx];
            double dy = rowY[sy];
            double dz = rowZ[sy] + colZ[sx];
            double inv = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
            dx *= inv;
            dy *= inv;
            dz *= inv;
            double t =
                mask == 0 ? Double.POSITIVE_INFINITY : tracer.trace(ex, ey, ez, dx, dy, dz, mask);
            int hit = mask == 0 ? -1 : tracer.hitObject;
            frame.sampleIds[sy * sw + sx] = (byte) (hit + 1);
            if (hit >= 0) {
              frame.visibleSamples[hit]++;
              for (int m = tracer.hitMask; m != 0; m &= m - 1) {
                frame.silhouetteSamples[Integer.numberOfTrailingZeros(m)]++;
              }
              shadeObject(hit, tracer.hitPart, t, dx, dy, dz);
            } else if (dy < 0) {
              shadeGround(tile, dx, dy, dz);
            } else {
              shadeSky(dy);
            }
            r += sr;
            g += sg;
            b += sb;
          }
        }
        frame.rgb[y * width + x] =
            toSrgb(r * 0.25) << 16 | toSrgb(g * 0.25) << 8 | toSrgb(b * 0.25);
      }
    }
    frame.finish();
    return frame;
  }

  private int toSrgb(double v) {
    int i = (int) (v * (linearToSrgb.length - 1) + 0.5);
    return linearToSrgb[i < 0 ? 0 : Math.min(i, linearToSrgb.length - 1)];
  }

  private void shadeObject(int k, int p, double t, double dx, double dy, double dz) {
    double px = ex + t * dx;
    double py = ey + t * dy;
    double pz = ez + t * dz;
    tracer.normal(k, p, px, py, pz);
    double nx = tracer.nx;
    double ny = tracer.ny;
    double nz = tracer.nz;
    if (nx * dx + ny * dy + nz * dz > 0) {
      nx = -nx;
      ny = -ny;
      nz = -nz;
    }
    float[] alb = tracer.albedo;
    double ar = alb[3 * p];
    double ag = alb[3 * p + 1];
    double ab = alb[3 * p + 2];
    if (tracer.emissive[p]) {
      sr = ar;
      sg = ag;
      sb = ab;
      return;
    }
    boolean glossy = tracer.glossy[p];
    double light = ambient * (0.75 + 0.25 * ny);
    double spec = 0;
    double ox = px + nx * SHADOW_OFFSET;
    double oy = py + ny * SHADOW_OFFSET;
    double oz = pz + nz * SHADOW_OFFSET;
    for (int l = 0; l < lightCount; l++) {
      double lx = lightX[l];
      double ly = lightY[l];
      double lz = lightZ[l];
      double ndl = nx * lx + ny * ly + nz * lz;
      int casters = objectCasters[l * tracer.objectCount + k];
      if (ndl <= 0 || tracer.occluded(ox, oy, oz, lx, ly, lz, l, casters, false)) {
        continue;
      }
      light += lightI[l] * ndl;
      if (glossy) {
        double hx = lx - dx;
        double hy = ly - dy;
        double hz = lz - dz;
        double nh = (nx * hx + ny * hy + nz * hz) / Math.sqrt(hx * hx + hy * hy + hz * hz);
        if (nh > 0) {
          double p2 = nh * nh;
          double p8 = p2 * p2 * p2 * p2;
          double p32 = p8 * p8 * p8 * p8;
          spec += lightI[l] * 0.55 * p32 * p8;
        }
      }
    }
    double diffuse = glossy ? 0.85 * light : light;
    sr = ar * diffuse + spec;
    sg = ag * diffuse + spec;
    sb = ab * diffuse + spec;
  }

  private void shadeGround(int tile, double dx, double dy, double dz) {
    double t = -ey / dy;
    double px = ex + t * dx;
    double pz = ez + t * dz;
    double light = ambient;
    for (int l = 0; l < lightCount; l++) {
      int casters = groundCasters[l * tiles.length + tile];
      if (casters == 0
          || !tracer.occluded(px, 0, pz, lightX[l], lightY[l], lightZ[l], l, casters, true)) {
        light += lightI[l] * lightY[l];
      }
    }
    double fog = t * t / (t * t + FOG_DISTANCE_SQ);
    double keep = 1 - fog;
    sr = groundR * light * keep + HORIZON_R * fog;
    sg = groundG * light * keep + HORIZON_G * fog;
    sb = groundB * light * keep + HORIZON_B * fog;
  }

  private static final double HORIZON_R = 0.62;
  private static final double HORIZON_G = 0.68;
  private static final double HORIZON_B = 0.76;

  private void shadeSky(double dy) {
    double f = Math.min(1, dy * 2.5);
    sr = HORIZON_R + (0.30 - HORIZON_R) * f;
    sg = HORIZON_G + (0.45 - HORIZON_G) * f;
    sb = HORIZON_B + (0.70 - HORIZON_B) * f;
  }

  private void setUpCamera(Camera camera) {
    Vec3 eye = camera.position();
    ex = eye.x();
    ey = eye.y();
    ez = eye.z();
    Vec3 f = camera.forward();
    Vec3 r = camera.right();
    Vec3 u = camera.up();
    fx = f.x();
    fy = f.y();
    fz = f.z();
    rx = r.x();
    rz = r.z();
    ux = u.x();
    uy = u.y();
    uz = u.z();
    tanHalf = StrictMath.tan(Math.toRadians(camera.fov()) / 2);
    aspect = (double) width / height;
    // Sample (sx, sy) looks along forward + u(sx) * right + v(sy) * up; right is horizontal.
    for (int sy = 0; sy < 2 * height; sy++) {
      double v = (1 - (sy + 0.5) / height) * tanHalf;
      rowX[sy] = f.x() + v * u.x();
      rowY[sy] = f.y() + v * u.y();
      rowZ[sy] = f.z() + v * u.z();
    }
    for (int sx = 0; sx < 2 * width; sx++) {
      double h = ((sx + 0.5) / width - 1) * tanHalf * aspect;
      colX[sx] = h * r.x();
      colZ[sx] = h * r.z();
    }
  }

  private void setUpLights(World world) {
    List<Light> lights = world.lights();
    lightCount = lights.size();
    for (int l = 0; l < lightCount; l++) {
      Vec3 d = lights.get(l).direction();
      lightX[l] = d.x();
      lightY[l] = d.y();
      lightZ[l] = d.z();
      lightI[l] = lights.get(l).intensity();
    }
    ambient = world.ambient();
    int g = world.groundRgb();
    groundR = srgbToLinear[g >> 16 & 255];
    groundG = srgbToLinear[g >> 8 & 255];
    groundB = srgbToLinear[g & 255];
  }

  // Caster masks: per object from bounding spheres; per tile from the ground the tile shows.
  private void cullShadows() {
    int n = tracer.objectCount;
    if (objectCasters.length < 2 * n) {
      objectCasters = new int[2 * n];
    }
    for (int l = 0; l < lightCount; l++) {
      for (int k = 0; k < n; k++) {
        objectCasters[l * n + k] = tracer.casters(k, lightX[l], lightY[l], lightZ[l]);
      }
    }
    int all = n == 32 ? -1 : (1 << n) - 1;
    int tilesY = tiles.length / tilesX;
    int step = 1 << TILE_SHIFT;
    for (int ty = 0; ty < tilesY; ty++) {
      for (int tx = 0; tx < tilesX; tx++) {
        // The tile's corner rays meet the ground in a convex quad that holds what the tile shows.
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minZ = Double.POSITIVE_INFINITY;
        double maxZ = Double.NEGATIVE_INFINITY;
        boolean below = true;
        for (int c = 0; c < 4 && below; c++) {
          int sx = 2 * Math.min(width, (tx + (c & 1)) * step);
          int sy = 2 * Math.min(height, (ty + (c >> 1)) * step);
          double dx = edgeRow(sy, 0) + edgeCol(sx, 0);
          double dy = edgeRow(sy, 1);
          double dz = edgeRow(sy, 2) + edgeCol(sx, 2);
          if (dy >= -1e-12) {
            below = false;
            break;
          }
          double t = -ey / dy;
          minX = Math.min(minX, ex + t * dx);
          maxX = Math.max(maxX, ex + t * dx);
          minZ = Math.min(minZ, ez + t * dz);
          maxZ = Math.max(maxZ, ez + t * dz);
        }
        int tile = ty * tilesX + tx;
        for (int l = 0; l < lightCount; l++) {
          groundCasters[l * tiles.length + tile] =
              below ? tracer.groundCasters(l, minX, maxX, minZ, maxZ) : all;
        }
      }
    }
  }

  // Ray direction components through sample-grid edge positions (not sample centres).
  private double edgeRow(int sy, int axis) {
    double v = (1 - (double) sy / (2 * height) * 2) * tanHalf;
    return axis == 0 ? fx + v * ux : axis == 1 ? fy + v * uy : fz + v * uz;
  }

  private double edgeCol(int sx, int axis) {
    double h = ((double) sx / (2 * width) * 2 - 1) * tanHalf * aspect;
    return axis == 0 ? h * rx : h * rz;
  }

  // Marks in every tile the objects whose bounding sphere's screen rectangle touches it.
  private void cullTiles(World world) {
    java.util.Arrays.fill(tiles, 0);
    int tilesY = tiles.length / tilesX;
    List<WorldObject> objs = world.objects();
    for (int k = 0; k < objs.size(); k++) {
      WorldObject o = objs.get(k);
      Optional<double[]> rect = world.camera().bounds(o.corners(), width, height);
      int x0 = 0;
      int y0 = 0;
      int x1 = tilesX - 1;
      int y1 = tilesY - 1;
      if (rect.isPresent()) {
        double[] b = rect.get();
        x0 = Math.max(0, (int) Math.floor(b[0] - 1) >> TILE_SHIFT);
        y0 = Math.max(0, (int) Math.floor(b[1] - 1) >> TILE_SHIFT);
        x1 = Math.min(tilesX - 1, (int) Math.floor(b[2] + 1) >> TILE_SHIFT);
        y1 = Math.min(tilesY - 1, (int) Math.floor(b[3] + 1) >> TILE_SHIFT);
      }
      for (int ty = y0; ty <= y1; ty++) {
        for (int tx = x0; tx <= x1; tx++) {
          tiles[ty * tilesX + tx] |= 1 << k;
        }
      }
    }
  }
}
