package spatialthinker.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The shape of a Qwen2.5-VL checkpoint, read from its {@code config.json}. Both layouts are read:
 * the released checkpoints' (text fields at the top level, {@code rope_scaling} with {@code
 * mrope_section}, {@code rope_theta}) and the newer one (a {@code text_config} object, {@code
 * rope_parameters}).
 */
public record QwenConfig(
    Text text,
    Vision vision,
    int imageTokenId,
    int videoTokenId,
    int visionStartTokenId,
    int visionEndTokenId,
    boolean tieWordEmbeddings) {

  /** The Qwen2 decoder. */
  public record Text(
      int vocabSize,
      int hiddenSize,
      int intermediateSize,
      int layers,
      int heads,
      int kvHeads,
      double rmsEps,
      double ropeTheta,
      int[] mropeSection,
      int maxPositions) {
    public int headDim() {
      return hiddenSize / heads;
    }
  }

  /** The vision tower. */
  public record Vision(
      int depth,
      int hiddenSize,
      int intermediateSize,
      int heads,
      int inChannels,
      int patchSize,
      int mergeSize,
      int temporalPatchSize,
      int windowSize,
      int outHiddenSize,
      int[] fullAttentionBlocks,
      double ropeTheta) {
    public int headDim() {
      return hiddenSize / heads;
    }

    public boolean fullAttention(int block) {
      return Arrays.stream(fullAttentionBlocks).anyMatch(b -> b == block);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public static QwenConfig read(Path dir) {
    Path file = dir.resolve("config.json");
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
    }
    String type = root.path("model_type").asText("");
    if (!type.equals("qwen2_5_vl")) {
      throw new IllegalArgumentException(
          file + ": model_type is '" + type + "', only qwen2_5_vl is supported");
    }
    JsonNode t = root.has("text_config") ? root.get("text_config") : root;
    JsonNode rope =
        t.has("rope_parameters")
            ? t.get("rope_parameters")
            : t.has("rope_scaling") ? t.get("rope_scaling") : root.path("rope_scaling");
    JsonNode section = rope.get("mrope_section");
    if (section == null || !section.isArray()) {
      throw new IllegalArgumentException(file + ": rope_scaling.mrope_section is missing");
    }
    int[] mrope = new int[section.size()];
    for (int i = 0; i < mrope.length; i++) {
      mrope[i] = section.get(i).asInt();
    }
    double theta =
        rope.has("rope_theta")
            ? rope.get("rope_theta").asDouble()
            : t.has("rope_theta") ? t.get("rope_theta").asDouble() : 1_000_000.0;
    int hidden = need(t, "hidden_size", file);
    int heads = need(t, "num_attention_heads", file);
    Text text =
        new Text(
            need(t, "vocab_size", file),
            hidden,
            need(t, "intermediate_size", file),
            need(t, "num_hidden_layers", file),
            heads,
            t.path("num_key_value_heads").asInt(heads),
            t.path("rms_norm_eps").asDouble(1e-6),
            theta,
            mrope,
            t.path("max_position_embeddings").asInt(32768));
    if (hidden % heads != 0 || Arrays.stream(mrope).sum() * 2 != text.headDim()) {
      throw new IllegalArgumentException(
          file
              + ": mrope_section "
              + Arrays.toString(mrope)
              + " must sum to half the head dim "
              + text.headDim());
    }
    JsonNode v = root.path("vision_config");
    if (v.isMissingNode()) {
      throw new IllegalArgumentException(file + ": vision_config is missing");
    }
    JsonNode fa = v.path("fullatt_block_indexes");
    int[] full = new int[fa.size()];
    for (int i = 0; i < full.length; i++) {
      full[i] = fa.get(i).asInt();
    }
    String act = v.path("hidden_act").asText("silu");
    if (!act.equals("silu")) {
      throw new IllegalArgumentException(
          file + ": vision_config.hidden_act '" + act + "' is not silu");
    }
    Vision vision =
        new Vision(
            need(v, "depth", file),
            need(v, "hidden_size", file),
            need(v, "intermediate_size", file),
            need(v, "num_heads", file),
            v.has("in_channels") ? v.get("in_channels").asInt() : v.path("in_chans").asInt(3),
            v.path("patch_size").asInt(14),
            v.path("spatial_merge_size").asInt(2),
            v.path("temporal_patch_size").asInt(2),
            v.path("window_size").asInt(112),
            need(v, "out_hidden_size", file),
            full,
            v.path("rope_parameters").path("rope_theta").asDouble(10000.0));
    boolean tie =
        root.has("tie_word_embeddings")
            ? root.get("tie_word_embeddings").asBoolean()
            : t.path("tie_word_embeddings").asBoolean(false);
    return new QwenConfig(
        text,
        vision,
        root.path("image_token_id").asInt(151655),
        root.path("video_token_id").asInt(151656),
        root.path("vision_start_token_id").asInt(151652),
        root.path("vision_end_token_id").asInt(151653),
        tie);
  }

  private static int need(JsonNode n, String field, Path file) {
    JsonNode f = n.get(field);
    if (f == null || !f.canConvertToInt()) {
      throw new IllegalArgumentException(file + ": " + field + " is missing or not an integer");
    }
    return f.asInt();
  }
}
