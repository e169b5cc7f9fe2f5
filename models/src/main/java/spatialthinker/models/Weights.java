package spatialthinker.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a checkpoint directory: {@code model.safetensors}, or the shards named by {@code
 * model.safetensors.index.json}. Names are read in both layouts and served under the released one:
 * {@code visual.*}, {@code model.*} (decoder) and {@code lm_head.weight}; the newer {@code
 * model.visual.*} and {@code model.language_model.*} map onto them.
 */
public final class Weights {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Location(SafetensorsFile file, String stored) {}

  private final Path dir;
  private final Map<String, Location> byName;

  private Weights(Path dir, Map<String, Location> byName) {
    this.dir = dir;
    this.byName = byName;
  }

  public static Weights open(Path dir) {
    Path single = dir.resolve("model.safetensors");
    Path index = dir.resolve("model.safetensors.index.json");
    Map<String, Location> names = new LinkedHashMap<>();
    if (Files.isRegularFile(index)) {
      JsonNode map;
      try {
        map = JSON.readTree(Files.readString(index)).get("weight_map");
      } catch (IOException e) {
        throw new IllegalArgumentException(index + ": cannot read: " + e.getMessage());
      }
      if (map == null || !map.isObject()) {
        throw new IllegalArgumentException(index + ": no weight_map object");
      }
      Map<String, SafetensorsFile> shards = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String shard = e.getValue().asText();
        Path p = dir.resolve(shard);
        if (!Files.isRegularFile(p)) {
          throw new IllegalArgumentException(
              index + ": tensor " + e.getKey() + " is in " + shard + ", which does not exist");
        }
        SafetensorsFile f = shards.computeIfAbsent(shard, s -> SafetensorsFile.open(p));
        if (!f.entries().containsKey(e.getKey())) {
          throw new IllegalArgumentException(
              p
                  + ": has no tensor "
                  + e.getKey()
                  + " although "
                  + index.getFileName()
                  + " puts it there");
        }
        put(names, e.getKey(), new Location(f, e.getKey()), p);
      }
    } else if (Files.isRegularFile(single)) {
      SafetensorsFile f = SafetensorsFile.open(single);
      for (String name : f.entries().keySet()) {
        put(names, name, new Location(f, name), single);
      }
    } else {
      throw new IllegalArgumentException(
          dir + ": neither model.safetensors nor model.safetensors.index.json");
    }
    return new Weights(dir, names);
  }

  private static void put(Map<String, Location> names, String stored, Location loc, Path file) {
    String c = canonical(stored);
    if (names.put(c, loc) != null) {
      throw new IllegalArgumentException(
          file + ": tensor " + stored + " is stored twice (as " + c + ")");
    }
  }

  /** The released layout's name for a stored name. */
  static String canonical(String stored) {
    if (stored.startsWith("model.visual.")) {
      return stored.substring("model.".length());
    }
    if (stored.startsWith("model.language_model.")) {
      return "model." + stored.substring("model.language_model.".length());
    }
    return stored;
  }

  public Set<String> names() {
    return byName.keySet();
  }

  public boolean has(String name) {
    return byName.containsKey(name);
  }

  /**
   * The tensor {@code name} (released layout) as a float32 NDArray, checked against {@code shape}.
   * F32 tensors go from the mapped file straight into the engine; BF16 and F16 ones are widened on
   * the way (the PyTorch engine of DJL 0.35.1 aborted the JVM on bfloat16 arrays in our trials). A
   * missing or mis-shaped tensor fails naming the file and the tensor.
   */
  public NDArray get(NDManager manager, String name, long... shape) {
    Location loc = byName.get(name);
    if (loc == null) {
      throw new IllegalArgumentException(
          dir
              + ": checkpoint has no tensor "
              + name
              + " (nor its model.language_model / model.visual"
              + " form)");
    }
    SafetensorsFile.Entry e = loc.file().entries().get(loc.stored());
    if (!Arrays.equals(e.shape(), shape)) {
      throw new IllegalArgumentException(
          loc.file().path()
              + ": tensor "
              + loc.stored()
              + " has shape "
              + Arrays.toString(e.shape())
              + ", expected "
              + Arrays.toString(shape));
    }
    ByteBuffer bytes = loc.file().map(loc.stored());
    Shape s = new Shape(shape);
    switch (e.dtype()) {
      case "F32" -> {
        return manager.create(bytes, s, DataType.FLOAT32);
      }
      case "BF16", "F16" -> {
        int n = (int) e.elements();
        ByteBuffer wide = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        FloatBuffer f = wide.asFloatBuffer();
        boolean bf = e.dtype().equals("BF16");
        for (int i = 0; i < n; i++) {
          short h = bytes.getShort(2 * i);
          f.put(i, bf ? Float.intBitsToFloat((h & 0xffff) << 16) : Float.float16ToFloat(h));
        }
        return manager.create(wide, s, DataType.FLOAT32);
      }
      default ->
          throw new IllegalArgumentException(
              loc.file().path()
                  + ": tensor "
                  + loc.stored()
                  + " has dtype "
                  + e.dtype()
                  + ", expected F32, BF16 or F16");
    }
  }
}
