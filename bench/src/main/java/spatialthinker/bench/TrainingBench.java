package spatialthinker.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import spatialthinker.train.Preset;
import spatialthinker.train.model.Decoder;
import spatialthinker.train.model.GradMode;
import spatialthinker.train.model.ModelConfig;
import spatialthinker.train.model.Parameters;
import spatialthinker.train.model.Sampling;
import spatialthinker.train.model.SequenceBatch;
import spatialthinker.train.model.TokenScores;
import spatialthinker.train.model.VisionLanguageModel;
import spatialthinker.train.optim.AdamW;

/**
 * Training throughput on this CPU: the peak matmul rate DJL reaches, KV-cached versus uncached
 * decoding (128 new tokens), GRPO rollout tokens/s, and the time and matmul share of one update
 * step. Run: {@code java -Dai.djl.offline=true -cp bench/target/benchmarks.jar
 * spatialthinker.bench.TrainingBench [preset]}.
 */
public final class TrainingBench {

  private static final int VOCAB = 400;
  private static final int PROMPT = 40;

  private TrainingBench() {}

  public static void main(String[] args) {
    String preset = args.length > 0 ? args[0] : "small";
    ModelConfig c = Preset.of(preset).model(VOCAB);
    try (NDManager root = NDManager.newBaseManager()) {
      GradMode.off();
      double peak = peakGflops(root);
      System.out.printf(Locale.ROOT, "matmul peak (2048^2 fp32): %.1f GFLOP/s%n", peak);
      Parameters p = VisionLanguageModel.initialise(c, 1, new Parameters(root));
      VisionLanguageModel model = new VisionLanguageModel(c, p);
      System.out.printf(Locale.ROOT, "preset %s: %,d parameters%n", preset, p.count());
      kvCache(root, model, c);
      rollouts(root, model, c);
      update(root, model, c, p, peak);
    }
  }

  static double peakGflops(NDManager root) {
    int n = 2048;
    try (NDManager m = root.newSubManager()) {
      NDArray a = m.randomNormal(new Shape(n, n));
      NDArray b = m.randomNormal(new Shape(n, n));
      for (int i = 0; i < 3; i++) {
        a.matMul(b).close();
      }
      int reps = 10;
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        a.matMul(b).close();
      }
      double s = (System.nanoTime() - t0) / 1e9;
      return 2.0 * n * n * n * reps / s / 1e9;
    }
  }

  static void kvCache(NDManager root, VisionLanguageModel model, ModelConfig c) {
    // An untrained model may stop early; EOS id -1 never matches, so all 128 tokens are made.
    Decoder noStop = new Decoder(model, -1, 0);
    Batch in = batch(c, 8, 3);
    Sampling g = Sampling.greedy(128);
    for (int i = 0; i < 2; i++) {
      noStop.generate(root, in.patches, in.prompts, g, new SplittableRandom(1));
    }
    long t0 = System.nanoTime();
    List<int[]> cached = noStop.generate(root, in.patches, in.prompts, g, new SplittableRandom(1));
    double tc = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    List<int[]> plain =
        noStop.generateUncached(root, in.patches, in.prompts, g, new SplittableRandom(1));
    double tu = (System.nanoTime() - t0) / 1e9;
    boolean equal = true;
    for (int i = 0; i < cached.size(); i++) {
      equal &= java.util.Arrays.equals(cached.get(i), plain.get(i));
    }
    System.out.printf(
        Locale.ROOT,
        "decode 8 x 128 new tokens (prompt %d + %d visual): KV cache %.2f s, uncached %.2f s,"
            + " speed-up %.1fx, identical tokens: %s%n",
        PROMPT,
        c.patches(),
        tc,
        tu,
        tu / tc,
        equal);
  }

  static void rollouts(NDManager root, VisionLanguageModel model, ModelConfig c) {
    Decoder noStop = new Decoder(model, -1, 0);
    Batch in = batch(c, 64, 5);
    Sampling s = new Sampling(1.0, 96);
    noStop.generate(root, in.patches, in.prompts, s, new SplittableRandom(2));
    long t0 = System.nanoTime();
    List<int[]> out = noStop.generate(root, in.patches, in.prompts, s, new SplittableRandom(3));
    double t = (System.nanoTime() - t0) / 1e9;
    long tokens = out.stream().mapToLong(a -> a.length).sum();
    System.out.printf(
        Locale.ROOT, "rollouts 64 x 96 tokens at T=1: %.2f s, %.0f tokens/s%n", t, tokens / t);
  }

  static void update(
      NDManager root, VisionLanguageModel model, ModelConfig c, Parameters p, double peak) {
    p.requireGradients();
    int rows = 32;
    int resp = 96;
    Batch in = batch(c, rows, 7);
    List<int[]> responses = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(9);
    for (int i = 0; i < rows; i++) {
      responses.add(rnd.ints(resp, 4, VOCAB).toArray());
    }
    SequenceBatch sb = SequenceBatch.of(c, in.patches, in.prompts, responses, 0);
    try (AdamW opt = new AdamW(p, AdamW.Settings.of(0.01))) {
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 4; i++) {
        long t0 = System.nanoTime();
        try (NDManager m = p.manager().newSubManager()) {
          try (GradientCollector gc = m.getEngine().newGradientCollector()) {
            TokenScores s = TokenScores.of(model, m, sb, false);
            NDArray mask = sb.responseMask(m);
            gc.backward(s.logProbs().mul(mask).sum().neg().div(mask.sum()));
          }
        }
        opt.step(p, 1e-4, 1.0);
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      }
      double flops = trainingFlops(c, rows, c.patches(), PROMPT + resp, resp);
      double gflops = flops / best / 1e9;
      System.out.printf(
          Locale.ROOT,
          "update step %d rows x %d tokens (forward + backward + AdamW): %.3f s, %.1f GFLOP/s"
              + " in matmuls = %.0f%% of the measured peak%n",
          rows,
          c.patches() + PROMPT + resp,
          best,
          gflops,
          100 * gflops / peak);
    }
  }

  /**
   * Matmul FLOPs of one training step: forward 2 × (weights × tokens) plus attention, backward
   * twice the forward.
   */
  static double trainingFlops(ModelConfig c, int rows, int visual, int text, int scored) {
    double d = c.dModel();
    double f = d * c.ffnMultiplier();
    double layerWeights = 3 * d * d + d * d + 2 * d * f;
    double enc = rows * visual * (c.patchDim() * d + c.encoderLayers() * layerWeights + d * d);
    enc += rows * c.encoderLayers() * 2.0 * visual * visual * d;
    double len = visual + text;
    double dec = rows * len * c.decoderLayers() * layerWeights;
    dec += rows * c.decoderLayers() * 2.0 * len * len * d;
    double head = rows * scored * d * c.vocabSize();
    return 3 * 2 * (enc + dec + head);
  }

  private record Batch(List<float[]> patches, List<int[]> prompts) {}

  private static Batch batch(ModelConfig c, int rows, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<float[]> patches = new ArrayList<>();
    List<int[]> prompts = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      float[] v = new float[c.patches() * c.patchDim()];
      for (int k = 0; k < v.length; k++) {
        v[k] = (float) rnd.nextDouble() - 0.5f;
      }
      patches.add(v);
      prompts.add(rnd.ints(PROMPT, 4, VOCAB).toArray());
    }
    return new Batch(patches, prompts);
  }
}
