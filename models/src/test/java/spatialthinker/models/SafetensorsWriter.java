package spatialthinker.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes float32 tensors as a safetensors file, for tests that build checkpoint layouts. */
final class SafetensorsWriter {

  record Tensor(long[] shape, float[] data) {}

  private SafetensorsWriter() {}

  static void write(Path file, Map<String, Tensor> tensors) throws IOException {
    write(file, tensors, false);
  }

  /** With {@code bf16}, values are stored as bfloat16 (truncated; tests use exact values). */
  static void write(Path file, Map<String, Tensor> tensors, boolean bf16) throws IOException {
    int width = bf16 ? 2 : 4;
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", bf16 ? "BF16" : "F32");
      var shape = t.putArray("shape");
      for (long d : e.getValue().shape()) {
        shape.add(d);
      }
      long len = (long) width * e.getValue().data().length;
      t.putArray("data_offsets").add(offset).add(offset + len);
      offset += len;
    }
    byte[] h = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    int pad = (8 - h.length % 8) % 8;
    byte[] hp = new byte[h.length + pad];
    System.arraycopy(h, 0, hp, 0, h.length);
    for (int i = h.length; i < hp.length; i++) {
      hp[i] = ' ';
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(hp.length);
      out.write(len.array());
      out.write(hp);
      for (Tensor t : tensors.values()) {
        ByteBuffer b = ByteBuffer.allocate(width * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : t.data()) {
          if (bf16) {
            b.putShort((short) (Float.floatToIntBits(v) >>> 16));
          } else {
            b.putFloat(v);
          }
        }
        out.write(b.array());
      }
    }
  }
}
