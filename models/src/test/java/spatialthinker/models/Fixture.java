package spatialthinker.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny Qwen2.5-VL checkpoint and its transformers reference (tools/qwen25vl_fixture.py). */
final class Fixture {

  private Fixture() {}

  static Path root() {
    try {
      return Path.of(Fixture.class.getResource("/qwen25vl-tiny/reference.json").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path hf() {
    return root().resolve("hf");
  }

  static SafetensorsFile reference() {
    return SafetensorsFile.open(root().resolve("reference.safetensors"));
  }

  static JsonNode json() {
    try {
      return new ObjectMapper().readTree(Files.readString(root().resolve("reference.json")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
