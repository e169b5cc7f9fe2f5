package spatialthinker.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsTest {

  @TempDir Path tmp;

  @Test
  void readsTheFixtureConfig() {
    QwenConfig c = QwenConfig.read(Fixture.hf());
    assertThat(c.text().vocabSize()).isEqualTo(434);
    assertThat(c.text().layers()).isEqualTo(3);
    assertThat(c.text().heads()).isEqualTo(4);
    assertThat(c.text().kvHeads()).isEqualTo(2);
    assertThat(c.text().mropeSection()).containsExactly(2, 3, 3);
    assertThat(c.text().ropeTheta()).isEqualTo(10000.0);
    assertThat(c.vision().depth()).isEqualTo(4);
    assertThat(c.vision().fullAttentionBlocks()).containsExactly(1, 3);
    assertThat(c.vision().windowSize()).isEqualTo(56);
    assertThat(c.imageTokenId()).isEqualTo(432);
    assertThat(c.tieWordEmbeddings()).isFalse();
  }

  @Test
  void readsTheReleasedTopLevelConfigLayout() throws Exception {
    Files.writeString(
        tmp.resolve("config.json"),
        """
        {"model_type": "qwen2_5_vl", "hidden_size": 2048, "intermediate_size": 11008,
         "num_hidden_layers": 36, "num_attention_heads": 16, "num_key_value_heads": 2,
         "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "vocab_size": 151936,
         "tie_word_embeddings": true, "image_token_id": 151655,
         "rope_scaling": {"type": "mrope", "mrope_section": [16, 24, 24]},
         "vision_config": {"depth": 32, "hidden_act": "silu", "hidden_size": 1280,
           "intermediate_size": 3420, "num_heads": 16, "in_chans": 3, "out_hidden_size": 2048,
           "patch_size": 14, "spatial_merge_size": 2, "window_size": 112,
           "fullatt_block_indexes": [7, 15, 23, 31], "temporal_patch_size": 2}}
        """);
    QwenConfig c = QwenConfig.read(tmp);
    assertThat(c.text().headDim()).isEqualTo(128);
    assertThat(c.text().mropeSection()).containsExactly(16, 24, 24);
    assertThat(c.text().ropeTheta()).isEqualTo(1_000_000.0);
    assertThat(c.tieWordEmbeddings()).isTrue();
    assertThat(c.vision().inChannels()).isEqualTo(3);
    assertThat(c.vision().outHiddenSize()).isEqualTo(2048);
  }

  @Test
  void rejectsAnotherModelType() throws Exception {
    Files.writeString(tmp.resolve("config.json"), "{\"model_type\": \"llama\"}");
    assertThatThrownBy(() -> QwenConfig.read(tmp))
        .hasMessageContaining("config.json")
        .hasMessageContaining("llama");
  }

  @Test
  void singleFileWeightsEqualTheStoredBytes() {
    SafetensorsFile raw = SafetensorsFile.open(Fixture.hf().resolve("model.safetensors"));
    Weights w = Weights.open(Fixture.hf());
    assertThat(w.names()).hasSize(raw.entries().size()).contains("visual.patch_embed.proj.weight");
    try (NDManager m = NDManager.newBaseManager()) {
      for (var e : raw.entries().entrySet()) {
        NDArray a = w.get(m, e.getKey(), e.getValue().shape());
        assertThat(a.toFloatArray()).containsExactly(raw.floats(e.getKey()));
      }
    }
  }

  @Test
  void shardedNewLayoutMapsOntoTheReleasedNames() throws Exception {
    SafetensorsFile raw = SafetensorsFile.open(Fixture.hf().resolve("model.safetensors"));
    List<String> names = new ArrayList<>(raw.entries().keySet());
    Map<String, SafetensorsWriter.Tensor> a = new LinkedHashMap<>();
    Map<String, SafetensorsWriter.Tensor> b = new LinkedHashMap<>();
    ObjectNode index = new ObjectMapper().createObjectNode();
    ObjectNode map = index.putObject("weight_map");
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      String stored =
          n.startsWith("visual.")
              ? "model." + n
              : n.startsWith("model.") ? "model.language_model." + n.substring(6) : n;
      var t = new SafetensorsWriter.Tensor(raw.entries().get(n).shape(), raw.floats(n));
      String shard =
          i % 2 == 0 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
      (i % 2 == 0 ? a : b).put(stored, t);
      map.put(stored, shard);
    }
    SafetensorsWriter.write(tmp.resolve("model-00001-of-00002.safetensors"), a);
    SafetensorsWriter.write(tmp.resolve("model-00002-of-00002.safetensors"), b);
    Files.writeString(tmp.resolve("model.safetensors.index.json"), index.toString());
    Weights w = Weights.open(tmp);
    assertThat(w.names()).containsExactlyInAnyOrderElementsOf(names);
    try (NDManager m = NDManager.newBaseManager()) {
      for (String n : names) {
        NDArray x = w.get(m, n, raw.entries().get(n).shape());
        assertThat(x.toFloatArray()).containsExactly(raw.floats(n));
      }
    }
  }

  @Test
  void missingAndMisShapedWeightsNameFileAndTensor() throws Exception {
    Map<String, SafetensorsWriter.Tensor> t = new LinkedHashMap<>();
    t.put("model.norm.weight", new SafetensorsWriter.Tensor(new long[] {3}, new float[] {1, 2, 3}));
    Path f = tmp.resolve("model.safetensors");
    SafetensorsWriter.write(f, t);
    Weights w = Weights.open(tmp);
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> w.get(m, "model.norm.weight", 4))
          .hasMessageContaining(f.toString())
          .hasMessageContaining("model.norm.weight")
          .hasMessageContaining("[3]")
          .hasMessageContaining("[4]");
      assertThatThrownBy(() -> w.get(m, "lm_head.weight", 4, 3))
          .hasMessageContaining(tmp.toString())
          .hasMessageContaining("lm_head.weight");
    }
  }

  @Test
  void bfloat16TensorsAreWidenedToFloat32() throws Exception {
    Map<String, SafetensorsWriter.Tensor> t = new LinkedHashMap<>();
    t.put(
        "model.norm.weight",
        new SafetensorsWriter.Tensor(new long[] {2, 2}, new float[] {1, -2, 3.5f, 0.15625f}));
    SafetensorsWriter.write(tmp.resolve("model.safetensors"), t, true);
    Weights w = Weights.open(tmp);
    try (NDManager m = NDManager.newBaseManager()) {
      assertThat(w.get(m, "model.norm.weight", 2, 2).toFloatArray())
          .containsExactly(1, -2, 3.5f, 0.15625f);
    }
  }

  @Test
  void indexNamingAMissingShardFails() throws Exception {
    Files.writeString(
        tmp.resolve("model.safetensors.index.json"),
        "{\"weight_map\": {\"lm_head.weight\": \"model-00009-of-00009.safetensors\"}}");
    assertThatThrownBy(() -> Weights.open(tmp))
        .hasMessageContaining("model-00009-of-00009.safetensors")
        .hasMessageContaining("lm_head.weight");
  }

  @Test
  void emptyDirectoryFails() {
    assertThatThrownBy(() -> Weights.open(tmp)).hasMessageContaining("model.safetensors");
  }
}
