package spatialthinker.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The policy network: image patches → linear patch embedding + learned positions → pre-LN
 * bidirectional encoder layers → projection to visual tokens, which are prefixed to the text tokens
 * of a pre-LN causal decoder whose output layer shares the token embedding. The decoder adds
 * learned absolute positions to its inputs and rotates queries and keys by their position (rotary
 * embedding, base 10,000), so that attending to "the token k places back" is the same map at every
 * position: a policy has to find an option's letter next to its text wherever the prompt puts it.
 * Built from DJL's functional Linear, LayerNorm and Embedding operators over {@link Parameters}, so
 * the decoder can keep a KV cache ({@link KvCache}).
 *
 * <p>Results of an operation belong to the manager of its first operand, so every method takes its
 * inputs from the caller's per-step manager and puts them first; nothing accumulates in the
 * parameters' manager.
 */
public final class VisionLanguageModel {

  /** Additive mask value: large and finite so fully masked rows stay finite. */
  static final float NEG = -1e9f;

  private final ModelConfig config;
  private final Parameters params;

  /** Wraps existing parameters (loaded or initialised) of the given shape. */
  public VisionLanguageModel(ModelConfig config, Parameters params) {
    this.config = config;
    this.params = params;
  }

  /** Fresh parameters drawn from {@code seed}: normal(0, 0.02), residual outputs scaled down. */
  public static Parameters initialise(ModelConfig c, long seed, Parameters into) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int d = c.dModel();
    int f = d * c.ffnMultiplier();
    if (c.stem() > 0) {
      int c1 = c.stem();
      into.normal("stem1.w", rnd, Math.sqrt(2.0 / 27), c1, 3, 3, 3);
      into.constant("stem1.b", 0f, c1);
      into.normal("stem2.w", rnd, Math.sqrt(2.0 / (9.0 * c1)), 2L * c1, c1, 3, 3);
      into.constant("stem2.b", 0f, 2L * c1);
    }
    into.normal("patch.w", rnd, 0.02, d, c.embedDim());
    into.constant("patch.b", 0f, d);
    into.normal("enc.pos", rnd, 0.02, c.patches(), d);
    for (int i = 0; i < c.encoderLayers(); i++) {
      layer(into, "enc." + i + ".", rnd, d, f, c.encoderLayers());
    }
    into.constant("enc.ln.g", 1f, d);
    into.constant("enc.ln.b", 0f, d);
    into.normal("proj.w", rnd, 0.02, d, d);
    into.constant("proj.b", 0f, d);
    into.normal("tok.emb", rnd, 0.02, c.vocabSize(), d);
    into.normal("pos.emb", rnd, 0.02, c.maxPositions(), d);
    for (int i = 0; i < c.decoderLayers(); i++) {
      layer(into, "dec." + i + ".", rnd, d, f, c.decoderLayers());
    }
    into.constant("dec.ln.g", 1f, d);
    into.constant("dec.ln.b", 0f, d);
    if (c.visionAux() > 0) {
      into.normal("aux.cls.w", rnd, 0.02, VisionTargets.BUCKETS, d);
      into.constant("aux.cls.b", 0f, VisionTargets.BUCKETS);
      into.normal("aux.box.w", rnd, 0.02, 4, d);
      into.constant("aux.box.b", 0.5f, 4);
    }
    return into;
  }

  private static void layer(Parameters p, String n, SplittableRandom rnd, int d, int f, int L) {
    double resid = 0.02 / Math.sqrt(2.0 * L);
    p.constant(n + "ln1.g", 1f, d);
    p.constant(n + "ln1.b", 0f, d);
    p.normal(n + "qkv.w", rnd, 0.02, 3L * d, d);
    p.constant(n + "qkv.b", 0f, 3L * d);
    p.normal(n + "out.w", rnd, resid, d, d);
    p.constant(n + "out.b", 0f, d);
    p.constant(n + "ln2.g", 1f, d);
    p.constant(n + "ln2.b", 0f, d);
    p.normal(n + "fc1.w", rnd, 0.02, f, d);
    p.constant(n + "fc1.b", 0f, f);
    p.normal(n + "fc2.w", rnd, resid, d, f);
    p.constant(n + "fc2.b", 0f, d);
  }

  public ModelConfig config() {
    return config;
  }

  public Parameters parameters() {
    return params;
  }

  /** Visual tokens {@code [B, patches, d]} of patch values {@code [B, patches, patchDim]}. */
  public NDArray encodeImage(NDArray patches) {
    NDArray x = linear(stem(patches), "patch").add(params.get("enc.pos"));
    for (int i = 0; i < config.encoderLayers(); i++) {
      String n = "enc." + i + ".";
      x = x.add(attention(n, norm(x, n + "ln1"), null, null, null));
      x = x.add(mlp(n, norm(x, n + "ln2")));
    }
    return linear(norm(x, "enc.ln"), "proj");
  }

  /**
   * Patch values {@code [B, P, patchDim]} as the patch embedding reads them: unchanged without a
   * stem; with one, the image is reassembled from its patches ({@code [B, 3, S, S]}), passed
   * through the two strided convolutions and cut into the same grid of patches over the quarter
   * -size feature map ({@code [B, P, embedDim]}).
   */
  private NDArray stem(NDArray patches) {
    if (config.stem() == 0) {
      return patches;
    }
    long b = patches.getShape().get(0);
    int p = config.patchSize();
    int side = config.imageSize() / p;
    NDArray img = image(patches, config);
    Shape two = new Shape(2, 2);
    Shape one = new Shape(1, 1);
    NDArray f =
        Activation.gelu(
            Conv2d.conv2d(img, params.get("stem1.w"), params.get("stem1.b"), two, one)
                .singletonOrThrow());
    f =
        Activation.gelu(
            Conv2d.conv2d(f, params.get("stem2.w"), params.get("stem2.b"), two, one)
                .singletonOrThrow());
    int q = p / 4;
    long ch = f.getShape().get(1);
    return f.reshape(b, ch, side, q, side, q)
        .transpose(0, 2, 4, 3, 5, 1)
        .reshape(b, (long) side * side, (long) q * q * ch);
  }

  /**
   * The image {@code [B, 3, S, S]} (channel, row, column) whose patches are {@code patches} {@code
   * [B, P, patchDim]} in {@link ImagePatches}' order.
   */
  static NDArray image(NDArray patches, ModelConfig c) {
    long b = patches.getShape().get(0);
    int p = c.patchSize();
    int side = c.imageSize() / p;
    int s = c.imageSize();
    return patches.reshape(b, side, side, p, p, 3).transpose(0, 5, 1, 3, 2, 4).reshape(b, 3, s, s);
  }

  /**
   * The vision pre-training loss of visual tokens {@code [B, P, d]} against {@link VisionTargets}
   * ({@code label [B, P, BUCKETS]}, {@code box [B, P, 4]}, {@code mask [B, P]}): over the scored
   * patches, the mean cross-entropy of the label bucket plus the mean L1 error of the box (summed
   * over its four coordinates).
   */
  public NDArray visionAuxLoss(NDArray visual, NDArray label, NDArray box, NDArray mask) {
    NDArray logp = linear(visual, "aux.cls").logSoftmax(-1);
    NDArray ce = logp.mul(label).sum(new int[] {2}).neg();
    NDArray l1 = linear(visual, "aux.box").sub(box).abs().sum(new int[] {2});
    NDArray n = mask.sum().maximum(1f);
    return ce.add(l1).mul(mask).sum().div(n);
  }

  /**
   * Final hidden states {@code [B, L, d]} of the whole sequence (visual tokens then text tokens).
   *
   * @param visual {@code [B, Nv, d]}
   * @param tokens {@code [B, T]} int64 token ids
   * @param positions {@code [B, Nv + T]} int64 position ids
   * @param mask {@code [B, 1, L, L]} additive attention mask (causal and padding)
   */
  public NDArray hidden(NDArray visual, NDArray tokens, NDArray positions, NDArray mask) {
    return forward(visual, tokens, positions, mask, null);
  }

  /** As {@link #hidden(NDArray, NDArray, NDArray, NDArray)}, recording keys and values. */
  public NDArray hidden(
      NDArray visual, NDArray tokens, NDArray positions, NDArray mask, KvCache cache) {
    return forward(visual, tokens, positions, mask, Objects.requireNonNull(cache, "cache"));
  }

  private NDArray forward(
      NDArray visual, NDArray tokens, NDArray positions, NDArray mask, KvCache cache) {
    NDArray h = visual.concat(embed(tokens), 1).add(embedPositions(positions));
    NDArray[] rot = rotary(positions);
    for (int i = 0; i < config.decoderLayers(); i++) {
      String n = "dec." + i + ".";
      h = h.add(attention(n, norm(h, n + "ln1"), mask, cache == null ? null : cache.layer(i), rot));
      h = h.add(mlp(n, norm(h, n + "ln2")));
    }
    return norm(h, "dec.ln");
  }

  /**
   * Hidden state {@code [B, 1, d]} of one new token per row, attending to the cached keys and
   * values, which it extends.
   *
   * @param tokens {@code [B, 1]} int64
   * @param positions {@code [B, 1]} int64
   * @param mask {@code [B, 1, 1, Lcache + 1]} additive padding mask
   */
  public NDArray step(NDArray tokens, NDArray positions, NDArray mask, KvCache cache) {
    NDArray h = embed(tokens).add(embedPositions(positions));
    NDArray[] rot = rotary(positions);
    for (int i = 0; i < config.decoderLayers(); i++) {
      String n = "dec." + i + ".";
      h = h.add(attention(n, norm(h, n + "ln1"), mask, cache.layer(i), rot));
      h = h.add(mlp(n, norm(h, n + "ln2")));
    }
    return norm(h, "dec.ln");
  }

  /** Logits over the vocabulary of hidden states (output layer tied to the token embedding). */
  public NDArray logits(NDArray hidden) {
    return Linear.linear(hidden, params.get("tok.emb")).singletonOrThrow();
  }

  private NDArray embed(NDArray tokens) {
    return Embedding.embedding(tokens, params.get("tok.emb"), SparseFormat.DENSE)
        .singletonOrThrow();
  }

  private NDArray embedPositions(NDArray positions) {
    return Embedding.embedding(positions, params.get("pos.emb"), SparseFormat.DENSE)
        .singletonOrThrow();
  }

  /**
   * Cosines and sines {@code [B, 1, L, headDim]} of the rotary angles {@code position · 10000^(-2i
   * / headDim)}, each half of the head repeated (the "rotate half" pairing).
   */
  private NDArray[] rotary(NDArray positions) {
    int half = config.headDim() / 2;
    float[] inv = new float[half];
    for (int i = 0; i < half; i++) {
      inv[i] = (float) Math.pow(10000.0, -2.0 * i / config.headDim());
    }
    NDArray angles =
        positions
            .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
            .expandDims(2)
            .mul(positions.getManager().create(inv));
    angles = angles.concat(angles, 2).expandDims(1);
    return new NDArray[] {angles.cos(), angles.sin()};
  }

  /** {@code x} {@code [B, H, L, headDim]} rotated by the angles of {@link #rotary}. */
  private static NDArray rotate(NDArray x, NDArray[] rot) {
    NDList halves = x.split(2, 3);
    NDArray turned = halves.get(1).neg().concat(halves.get(0), 3);
    return x.mul(rot[0]).add(turned.mul(rot[1]));
  }

  private NDArray attention(String n, NDArray x, NDArray mask, KvCache.Layer cache, NDArray[] rot) {
    long b = x.getShape().get(0);
    long len = x.getShape().get(1);
    int heads = config.heads();
    int dh = config.headDim();
    NDList qkv = linear(x, n + "qkv").split(3, 2);
    NDArray q = qkv.get(0).reshape(b, len, heads, dh).transpose(0, 2, 1, 3);
    NDArray k = qkv.get(1).reshape(b, len, heads, dh).transpose(0, 2, 1, 3);
    NDArray v = qkv.get(2).reshape(b, len, heads, dh).transpose(0, 2, 1, 3);
    if (rot != null) {
      q = rotate(q, rot);
      k = rotate(k, rot);
    }
    if (cache != null) {
      k = cache.append(k, v);
      v = cache.values();
    }
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(dh));
    if (mask != null) {
      scores = scores.add(mask);
    }
    NDArray o = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, len, config.dModel());
    return linear(o, n + "out");
  }

  private NDArray mlp(String n, NDArray x) {
    return linear(Activation.gelu(linear(x, n + "fc1")), n + "fc2");
  }

  private NDArray linear(NDArray x, String name) {
    return Linear.linear(x, params.get(name + ".w"), params.get(name + ".b")).singletonOrThrow();
  }

  private NDArray norm(NDArray x, String name) {
    return LayerNorm.layerNorm(
            x, new Shape(config.dModel()), params.get(name + ".g"), params.get(name + ".b"), 1e-5f)
        .singletonOrThrow();
  }
}
