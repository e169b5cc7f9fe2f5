package spatialthinker.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code .safetensors} file: its JSON header parsed, each tensor's bytes memory-mapped on
 * demand (read-only, so the page cache holds the only copy until a tensor is materialised).
 */
public final class SafetensorsFile {

  /** One tensor's header entry: dtype name as written ("F32", "BF16", ...), shape, byte range. */
  public record Entry(String dtype, long[] shape, long begin, long end) {
    public long elements() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final long dataStart;
  private final Map<String, Entry> entries;

  private SafetensorsFile(Path path, long dataStart, Map<String, Entry> entries) {
    this.path = path;
    this.dataStart = dataStart;
    this.entries = entries;
  }

  public static SafetensorsFile open(Path path) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw new IllegalArgumentException(path + ": not a safetensors file (" + size + " bytes)");
      }
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0);
      long n = len.getLong(0);
      if (n <= 0 || n > 100_000_000L || 8 + n > size) {
        throw new IllegalArgumentException(
            path + ": not a safetensors file (header length " + n + ", file " + size + " bytes)");
      }
      ByteBuffer header = ByteBuffer.allocate((int) n);
      readFully(ch, header, 8);
      JsonNode root;
      try {
        root = JSON.readTree(header.array());
      } catch (IOException e) {
        throw new IllegalArgumentException(
            path + ": safetensors header is not JSON: " + e.getMessage());
      }
      long dataStart = 8 + n;
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().equals("__metadata__")) {
          continue;
        }
        JsonNode e = f.getValue();
        JsonNode shapeNode = e.get("shape");
        JsonNode offsets = e.get("data_offsets");
        if (e.get("dtype") == null || shapeNode == null || offsets == null || offsets.size() != 2) {
          throw new IllegalArgumentException(
              path + ": tensor " + f.getKey() + " lacks dtype, shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = shapeNode.get(i).asLong();
        }
        long b = offsets.get(0).asLong();
        long en = offsets.get(1).asLong();
        Entry entry = new Entry(e.get("dtype").asText(), shape, b, en);
        int width = bytesPer(entry.dtype());
        if (b < 0
            || en < b
            || dataStart + en > size
            || (width > 0 && en - b != entry.elements() * width)) {
          throw new IllegalArgumentException(
              path
                  + ": tensor "
                  + f.getKey()
                  + " has byte range ["
                  + b
                  + ", "
                  + en
                  + ") that does not fit its shape or the file");
        }
        entries.put(f.getKey(), entry);
      }
      return new SafetensorsFile(path, dataStart, Collections.unmodifiableMap(entries));
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  /** Bytes per element of a safetensors dtype, 0 when unknown. */
  static int bytesPer(String dtype) {
    return switch (dtype) {
      case "F64", "I64", "U64" -> 8;
      case "F32", "I32", "U32" -> 4;
      case "BF16", "F16", "I16", "U16" -> 2;
      case "I8", "U8", "BOOL" -> 1;
      default -> 0;
    };
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos + buf.position());
      if (r < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  public Path path() {
    return path;
  }

  public Map<String, Entry> entries() {
    return entries;
  }

  /** The tensor's bytes, memory-mapped read-only, little-endian. */
  public ByteBuffer map(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException(path + ": no tensor " + name);
    }
    long len = e.end() - e.begin();
    if (len > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          path + ": tensor " + name + " is " + len + " bytes, over the 2 GiB a mapping can hold");
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return ch.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), len)
          .order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException ex) {
      throw new UncheckedIOException(path + ": " + ex.getMessage(), ex);
    }
  }

  /** A tensor as floats (F32, BF16 or F16), for small tensors and tests. */
  public float[] floats(String name) {
    Entry e = entries.get(name);
    ByteBuffer b = map(name);
    int n = (int) e.elements();
    float[] out = new float[n];
    switch (e.dtype()) {
      case "F32" -> b.asFloatBuffer().get(out);
      case "BF16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
        }
      }
      case "F16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = Float.float16ToFloat(b.getShort(2 * i));
        }
      }
      default ->
          throw new IllegalArgumentException(
              path + ": tensor " + name + " has dtype " + e.dtype() + ", not a float type");
    }
    return out;
  }

  /** A tensor as longs (I64 or I32). */
  public long[] longs(String name) {
    Entry e = entries.get(name);
    ByteBuffer b = map(name);
    int n = (int) e.elements();
    long[] out = new long[n];
    switch (e.dtype()) {
      case "I64" -> b.asLongBuffer().get(out);
      case "I32" -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.getInt(4 * i);
        }
      }
      default ->
          throw new IllegalArgumentException(
              path + ": tensor " + name + " has dtype " + e.dtype() + ", not an integer type");
    }
    return out;
  }
}
