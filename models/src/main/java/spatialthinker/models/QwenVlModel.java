package spatialthinker.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Qwen2.5-VL on DJL's PyTorch engine, float32: the vision tower (patch embedding as a linear map,
 * 2D rotary embedding, window attention reordered by window with full attention in the listed
 * blocks, RMSNorm, SwiGLU, 2 × 2 patch merger) and the Qwen2 decoder (grouped-query attention with
 * q/k/v bias, RMSNorm, SwiGLU, M-RoPE over the 3D position ids), with a KV cache.
 */
public final class QwenVlModel implements AutoCloseable {

  private static final float NEG = -1e30f;

  private record VisionBlock(
      NDArray norm1,
      NDArray norm2,
      NDArray qkvW,
      NDArray qkvB,
      NDArray projW,
      NDArray projB,
      NDArray gateW,
      NDArray gateB,
      NDArray upW,
      NDArray upB,
      NDArray downW,
      NDArray downB) {}

  private record Layer(
      NDArray inNorm,
      NDArray postNorm,
      NDArray qW,
      NDArray qB,
      NDArray kW,
      NDArray kB,
      NDArray vW,
      NDArray vB,
      NDArray oW,
      NDArray gateW,
      NDArray upW,
      NDArray downW) {}

  private final QwenConfig config;
  private final NDManager manager;
  private final NDArray patchEmbed;
  private final List<VisionBlock> blocks = new ArrayList<>();
  private final NDArray mergerNorm;
  private final NDArray merger0W;
  private final NDArray merger0B;
  private final NDArray merger2W;
  private final NDArray merger2B;
  private final NDArray embed;
  private final List<Layer> layers = new ArrayList<>();
  private final NDArray norm;
  private final NDArray lmHead;
  private final float[] textInvFreq;
  private final float[] visionInvFreq;

  private QwenVlModel(QwenConfig config, Weights w, NDManager parent) {
    this.config = config;
    this.manager = parent.newSubManager();
    QwenConfig.Vision v = config.vision();
    QwenConfig.Text t = config.text();
    int e = v.hiddenSize();
    int row = v.inChannels() * v.temporalPatchSize() * v.patchSize() * v.patchSize();
    patchEmbed =
        w.get(
                manager,
                "visual.patch_embed.proj.weight",
                e,
                v.inChannels(),
                v.temporalPatchSize(),
                v.patchSize(),
                v.patchSize())
            .reshape(e, row);
    int vi = v.intermediateSize();
    for (int b = 0; b < v.depth(); b++) {
      String p = "visual.blocks." + b + ".";
      blocks.add(
          new VisionBlock(
              w.get(manager, p + "norm1.weight", e),
              w.get(manager, p + "norm2.weight", e),
              w.get(manager, p + "attn.qkv.weight", 3L * e, e),
              w.get(manager, p + "attn.qkv.bias", 3L * e),
              w.get(manager, p + "attn.proj.weight", e, e),
              w.get(manager, p + "attn.proj.bias", e),
              w.get(manager, p + "mlp.gate_proj.weight", vi, e),
              w.get(manager, p + "mlp.gate_proj.bias", vi),
              w.get(manager, p + "mlp.up_proj.weight", vi, e),
              w.get(manager, p + "mlp.up_proj.bias", vi),
              w.get(manager, p + "mlp.down_proj.weight", e, vi),
              w.get(manager, p + "mlp.down_proj.bias", e)));
    }
    long me = (long) e * v.mergeSize() * v.mergeSize();
    mergerNorm = w.get(manager, "visual.merger.ln_q.weight", e);
    merger0W = w.get(manager, "visual.merger.mlp.0.weight", me, me);
    merger0B = w.get(manager, "visual.merger.mlp.0.bias", me);
    merger2W = w.get(manager, "visual.merger.mlp.2.weight", v.outHiddenSize(), me);
    merger2B = w.get(manager, "visual.merger.mlp.2.bias", v.outHiddenSize());
    if (v.outHiddenSize() != t.hiddenSize()) {
      throw new IllegalArgumentException(
          "vision_config.out_hidden_size "
              + v.outHiddenSize()
              + " differs from hidden_size "
              + t.hiddenSize());
    }
    int h = t.hiddenSize();
    int hd = t.headDim();
    long kv = (long) t.kvHeads() * hd;
    embed = w.get(manager, "model.embed_tokens.weight", t.vocabSize(), h);
    for (int l = 0; l < t.layers(); l++) {
      String p = "model.layers." + l + ".";
      layers.add(
          new Layer(
              w.get(manager, p + "input_layernorm.weight", h),
              w.get(manager, p + "post_attention_layernorm.weight", h),
              w.get(manager, p + "self_attn.q_proj.weight", h, h),
              w.get(manager, p + "self_attn.q_proj.bias", h),
              w.get(manager, p + "self_attn.k_proj.weight", kv, h),
              w.get(manager, p + "self_attn.k_proj.bias", kv),
              w.get(manager, p + "self_attn.v_proj.weight", kv, h),
              w.get(manager, p + "self_attn.v_proj.bias", kv),
              w.get(manager, p + "self_attn.o_proj.weight", h, h),
              w.get(manager, p + "mlp.gate_proj.weight", t.intermediateSize(), h),
              w.get(manager, p + "mlp.up_proj.weight", t.intermediateSize(), h),
              w.get(manager, p + "mlp.down_proj.weight", h, t.intermediateSize())));
    }
    norm = w.get(manager, "model.norm.weight", h);
    lmHead =
        config.tieWordEmbeddings() && !w.has("lm_head.weight")
            ? embed
            : w.get(manager, "lm_head.weight", t.vocabSize(), h);
    textInvFreq = invFreq(t.ropeTheta(), hd);
    visionInvFreq = invFreq(v.ropeTheta(), v.headDim() / 2);
  }

  /** Loads {@code config.json} and the weights of a checkpoint directory. */
  public static QwenVlModel load(Path dir, NDManager parent) {
    QwenConfig c = QwenConfig.read(dir);
    return new QwenVlModel(c, Weights.open(dir), parent);
  }

  public QwenConfig config() {
    return config;
  }

  @Override
  public void close() {
    manager.close();
  }

  /** 1 / theta^(2i / dim) for i < dim / 2, in float32 as the reference computes it. */
  private static float[] invFreq(double theta, int dim) {
    float[] f = new float[dim / 2];
    for (int i = 0; i < f.length; i++) {
      float exponent = (float) (2 * i) / (float) dim;
      f[i] = 1.0f / (float) Math.pow(theta, exponent);
    }
    return f;
  }

  private static NDArray linear(NDArray x, NDArray w, NDArray b) {
    NDList out = b == null ? Linear.linear(x, w) : Linear.linear(x, w, b);
    return out.singletonOrThrow();
  }

  private static NDArray rmsNorm(NDArray x, NDArray w, double eps) {
    NDArray var = x.square().mean(new int[] {-1}, true);
    return x.div(var.add(eps).sqrt()).mul(w);
  }

  private static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }

  private static NDArray rotateHalf(NDArray x) {
    long d = x.getShape().get(x.getShape().dimension() - 1);
    NDArray x1 = x.get("..., :" + d / 2);
    NDArray x2 = x.get("..., " + d / 2 + ":");
    return NDArrays.concat(new NDList(x2.neg(), x1), -1);
  }

  private static NDArray rows(NDArray x, long[] index) {
    NDArray idx = x.getManager().create(index);
    return x.get(new NDIndex("{}", idx));
  }

  // ---------------------------------------------------------------- vision tower

  /**
   * The vision tower's output for the images' {@code pixel_values} (rows in processor order, all
   * images concatenated): one row per merged token, images in order.
   */
  public NDArray encodeImages(NDManager m, float[] pixels, List<int[]> grids) {
    QwenConfig.Vision v = config.vision();
    int rowWidth = v.inChannels() * v.temporalPatchSize() * v.patchSize() * v.patchSize();
    int n = pixels.length / rowWidth;
    int unit = v.mergeSize() * v.mergeSize();
    long total = 0;
    for (int[] g : grids) {
      total += (long) g[0] * g[1] * g[2];
    }
    if (total != n || (long) n * rowWidth != pixels.length) {
      throw new IllegalArgumentException(
          "pixel_values hold " + n + " patches of " + rowWidth + ", the grids need " + total);
    }
    // Window order: window_index over merged units, and the window and image boundaries.
    List<Long> windowIndex = new ArrayList<>();
    List<Integer> cuWindow = new ArrayList<>(List.of(0));
    List<Integer> cuFull = new ArrayList<>(List.of(0));
    int ws = v.windowSize() / v.mergeSize() / v.patchSize();
    long idBase = 0;
    for (int[] g : grids) {
      int gt = g[0];
      int lh = g[1] / v.mergeSize();
      int lw = g[2] / v.mergeSize();
      int nh = (lh + ws - lh % ws) / ws;
      int nw = (lw + ws - lw % ws) / ws;
      for (int t = 0; t < gt; t++) {
        for (int wy = 0; wy < nh; wy++) {
          for (int wx = 0; wx < nw; wx++) {
            int count = 0;
            for (int y = wy * ws; y < Math.min((wy + 1) * ws, lh); y++) {
              for (int x = wx * ws; x < Math.min((wx + 1) * ws, lw); x++) {
                windowIndex.add(idBase + ((long) t * lh + y) * lw + x);
                count++;
              }
            }
            if (count > 0) {
              cuWindow.add(cuWindow.get(cuWindow.size() - 1) + count * unit);
            }
          }
        }
        cuFull.add(cuFull.get(cuFull.size() - 1) + g[1] * g[2]);
      }
      idBase += (long) gt * lh * lw;
    }
    long[] perm = new long[n];
    for (int j = 0; j < windowIndex.size(); j++) {
      for (int u = 0; u < unit; u++) {
        perm[j * unit + u] = windowIndex.get(j) * unit + u;
      }
    }
    // 2D rotary angles per patch (processor order), then permuted into window order.
    int hd = v.headDim();
    int quarter = visionInvFreq.length;
    float[] posH = new float[n];
    float[] posW = new float[n];
    int r = 0;
    for (int[] g : grids) {
      int ms = v.mergeSize();
      for (int t = 0; t < g[0]; t++) {
        for (int bh = 0; bh < g[1] / ms; bh++) {
          for (int bw = 0; bw < g[2] / ms; bw++) {
            for (int mh = 0; mh < ms; mh++) {
              for (int mw = 0; mw < ms; mw++) {
                posH[r] = bh * ms + mh;
                posW[r] = bw * ms + mw;
                r++;
              }
            }
          }
        }
      }
    }
    float[] cos = new float[n * hd];
    float[] sin = new float[n * hd];
    for (int i = 0; i < n; i++) {
      int src = (int) perm[i];
      for (int j = 0; j < quarter; j++) {
        float fh = posH[src] * visionInvFreq[j];
        float fw = posW[src] * visionInvFreq[j];
        float ch = (float) Math.cos(fh);
        float sh = (float) Math.sin(fh);
        float cw = (float) Math.cos(fw);
        float sw = (float) Math.sin(fw);
        for (int rep = 0; rep < 2; rep++) {
          int o = i * hd + rep * 2 * quarter;
          cos[o + j] = ch;
          sin[o + j] = sh;
          cos[o + quarter + j] = cw;
          sin[o + quarter + j] = sw;
        }
      }
    }
    try (NDManager s = m.newSubManager()) {
      NDArray x = s.create(pixels, new Shape(n, rowWidth));
      x = linear(x, patchEmbed, null);
      x = rows(x, perm);
      NDArray cosA = s.create(cos, new Shape(n, 1, hd));
      NDArray sinA = s.create(sin, new Shape(n, 1, hd));
      int[] window = cuWindow.stream().mapToInt(Integer::intValue).toArray();
      int[] full = cuFull.stream().mapToInt(Integer::intValue).toArray();
      for (int b = 0; b < blocks.size(); b++) {
        VisionBlock blk = blocks.get(b);
        NDArray a =
            visionAttention(
                rmsNorm(x, blk.norm1(), 1e-6), blk, cosA, sinA, v.fullAttention(b) ? full : window);
        x = x.add(a);
        NDArray hn = rmsNorm(x, blk.norm2(), 1e-6);
        NDArray mlp =
            linear(
                silu(linear(hn, blk.gateW(), blk.gateB())).mul(linear(hn, blk.upW(), blk.upB())),
                blk.downW(),
                blk.downB());
        x = x.add(mlp);
      }
      NDArray merged = rmsNorm(x, mergerNorm, 1e-6).reshape(n / unit, (long) v.hiddenSize() * unit);
      merged = linear(Activation.gelu(linear(merged, merger0W, merger0B)), merger2W, merger2B);
      long[] reverse = new long[windowIndex.size()];
      for (int j = 0; j < reverse.length; j++) {
        reverse[(int) (long) windowIndex.get(j)] = j;
      }
      NDArray out = rows(merged, reverse);
      out.attach(m);
      return out;
    }
  }

  private NDArray visionAttention(NDArray x, VisionBlock blk, NDArray cos, NDArray sin, int[] cu) {
    QwenConfig.Vision v = config.vision();
    long n = x.getShape().get(0);
    int heads = v.heads();
    int hd = v.headDim();
    NDArray qkv = linear(x, blk.qkvW(), blk.qkvB()).reshape(n, 3, heads, hd);
    NDArray q = qkv.get(":, 0");
    NDArray k = qkv.get(":, 1");
    NDArray val = qkv.get(":, 2");
    q = q.mul(cos).add(rotateHalf(q).mul(sin));
    k = k.mul(cos).add(rotateHalf(k).mul(sin));
    double scale = 1.0 / Math.sqrt(hd);
    NDList parts = new NDList();
    int i = 0;
    while (i < cu.length - 1) {
      int len = cu[i + 1] - cu[i];
      int j = i;
      while (j + 1 < cu.length - 1 && cu[j + 2] - cu[j + 1] == len) {
        j++;
      }
      int count = j - i + 1;
      int start = cu[i];
      int end = cu[j + 1];
      // count equal windows at once: (count, heads, len, hd)
      NDArray qs = q.get(start + ":" + end).reshape(count, len, heads, hd).transpose(0, 2, 1, 3);
      NDArray ks = k.get(start + ":" + end).reshape(count, len, heads, hd).transpose(0, 2, 1, 3);
      NDArray vs = val.get(start + ":" + end).reshape(count, len, heads, hd).transpose(0, 2, 1, 3);
      NDArray att = qs.matMul(ks.transpose(0, 1, 3, 2)).mul(scale).softmax(-1);
      NDArray o =
          att.matMul(vs).transpose(0, 2, 1, 3).reshape((long) count * len, (long) heads * hd);
      parts.add(o);
      i = j + 1;
    }
    NDArray out = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    return linear(out, blk.projW(), blk.projB());
  }

  // ---------------------------------------------------------------- decoder

  /** Token embeddings with each image placeholder's row taken from {@code imageEmbeds} in order. */
  public NDArray embed(NDManager m, int[] tokens, NDArray imageEmbeds) {
    NDArray ids = m.create(java.util.Arrays.stream(tokens).mapToLong(i -> i).toArray());
    NDArray text = embed.get(new NDIndex("{}", ids));
    text.attach(m);
    if (imageEmbeds == null) {
      return text;
    }
    long k = imageEmbeds.getShape().get(0);
    long[] index = new long[tokens.length];
    int next = 0;
    for (int i = 0; i < tokens.length; i++) {
      index[i] = tokens[i] == config.imageTokenId() ? tokens.length + next++ : i;
    }
    if (next != k) {
      throw new IllegalArgumentException(
          "prompt has " + next + " image placeholder tokens, the images give " + k + " embeddings");
    }
    NDArray both = NDArrays.concat(new NDList(text, imageEmbeds), 0);
    return rows(both, index);
  }

  /** The per-layer keys and values of the tokens seen so far. */
  public static final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private long length;

    public KvCache(NDManager parent, int layers) {
      this.manager = parent.newSubManager();
      this.keys = new NDArray[layers];
      this.values = new NDArray[layers];
    }

    public long length() {
      return length;
    }

    private NDArray[] append(int layer, NDArray k, NDArray v) {
      NDArray nk = keys[layer] == null ? k : NDArrays.concat(new NDList(keys[layer], k), 2);
      NDArray nv = values[layer] == null ? v : NDArrays.concat(new NDList(values[layer], v), 2);
      nk.attach(manager);
      nv.attach(manager);
      if (keys[layer] != null && keys[layer] != nk) {
        keys[layer].close();
        values[layer].close();
      }
      keys[layer] = nk;
      values[layer] = nv;
      return new NDArray[] {nk, nv};
    }

    @Override
    public void close() {
      manager.close();
    }
  }

  public KvCache newCache(NDManager parent) {
    return new KvCache(parent, layers.size());
  }

  /**
   * Runs the decoder over {@code x} (1, L, hidden) at 3D positions {@code pos} [3][L], appending to
   * the cache, and returns the final-normed hidden states (1, L, hidden).
   */
  public NDArray decode(NDManager m, NDArray x, long[][] pos, KvCache cache) {
    QwenConfig.Text t = config.text();
    int len = pos[0].length;
    int hd = t.headDim();
    int half = hd / 2;
    int[] axis = new int[half];
    int[] sec = t.mropeSection();
    for (int j = 0, s = 0, acc = sec[0]; j < half; j++) {
      while (j >= acc) {
        s++;
        acc += sec[s];
      }
      axis[j] = s % 3;
    }
    float[] cos = new float[len * hd];
    float[] sin = new float[len * hd];
    for (int i = 0; i < len; i++) {
      for (int j = 0; j < half; j++) {
        float f = (float) pos[axis[j]][i] * textInvFreq[j];
        float c = (float) Math.cos(f);
        float s = (float) Math.sin(f);
        cos[i * hd + j] = c;
        cos[i * hd + half + j] = c;
        sin[i * hd + j] = s;
        sin[i * hd + half + j] = s;
      }
    }
    long past = cache.length();
    long total = past + len;
    float[] mask = new float[(int) (len * total)];
    for (int i = 0; i < len; i++) {
      for (long j = past + i + 1; j < total; j++) {
        mask[(int) (i * total + j)] = NEG;
      }
    }
    try (NDManager s = m.newSubManager()) {
      NDArray h = x.duplicate();
      h.attach(s);
      NDArray cosA = s.create(cos, new Shape(1, 1, len, hd));
      NDArray sinA = s.create(sin, new Shape(1, 1, len, hd));
      NDArray maskA = s.create(mask, new Shape(1, 1, len, total));
      int heads = t.heads();
      int kvh = t.kvHeads();
      double scale = 1.0 / Math.sqrt(hd);
      for (int l = 0; l < layers.size(); l++) {
        Layer ly = layers.get(l);
        NDArray hn = rmsNorm(h, ly.inNorm(), t.rmsEps());
        NDArray q = linear(hn, ly.qW(), ly.qB()).reshape(1, len, heads, hd).transpose(0, 2, 1, 3);
        NDArray k = linear(hn, ly.kW(), ly.kB()).reshape(1, len, kvh, hd).transpose(0, 2, 1, 3);
        NDArray v = linear(hn, ly.vW(), ly.vB()).reshape(1, len, kvh, hd).transpose(0, 2, 1, 3);
        q = q.mul(cosA).add(rotateHalf(q).mul(sinA));
        k = k.mul(cosA).add(rotateHalf(k).mul(sinA));
        NDArray[] kv = cache.append(l, k, v);
        NDArray ka = kv[0];
        NDArray va = kv[1];
        if (heads != kvh) {
          int rep = heads / kvh;
          ka = ka.expandDims(2).repeat(2, rep).reshape(1, heads, total, hd);
          va = va.expandDims(2).repeat(2, rep).reshape(1, heads, total, hd);
        }
        NDArray att = q.matMul(ka.transpose(0, 1, 3, 2)).mul(scale).add(maskA).softmax(-1);
        NDArray o = att.matMul(va).transpose(0, 2, 1, 3).reshape(1, len, t.hiddenSize());
        h = h.add(linear(o, ly.oW(), null));
        NDArray h2 = rmsNorm(h, ly.postNorm(), t.rmsEps());
        h =
            h.add(
                linear(
                    silu(linear(h2, ly.gateW(), null)).mul(linear(h2, ly.upW(), null)),
                    ly.downW(),
                    null));
      }
      cache.length = total;
      NDArray out = rmsNorm(h, norm, t.rmsEps());
      out.attach(m);
      return out;
    }
  }

  /** Logits (rows, vocab) for hidden states (rows, hidden). */
  public NDArray logits(NDArray hidden) {
    return linear(hidden, lmHead, null);
  }
}
