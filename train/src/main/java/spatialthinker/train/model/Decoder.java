package spatialthinker.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Batched autoregressive decoding with a KV cache, and the plain recompute-everything decoder that
 * serves as its oracle. Token choice happens in Java from the logits with the caller's seeded
 * random source, so a run is reproducible and both decoders choose identically from equal logits.
 */
public final class Decoder {

  private final VisionLanguageModel model;
  private final int eos;
  private final int pad;
  private final Function<int[], AnswerChoices> choices;

  /** Free decoding. */
  public Decoder(VisionLanguageModel model, int eosId, int padId) {
    this(model, eosId, padId, prompt -> null);
  }

  /**
   * Decoding whose answers are closed to the options of each prompt.
   *
   * @param choices the answer choices of a prompt's token ids (null: free)
   */
  public Decoder(
      VisionLanguageModel model, int eosId, int padId, Function<int[], AnswerChoices> choices) {
    this.model = model;
    this.eos = eosId;
    this.pad = padId;
    this.choices = choices;
  }

  /**
   * Generates a response per row with the KV cache. Each result ends with EOS unless it reached
   * {@code maxNewTokens}.
   */
  public List<int[]> generate(
      NDManager parent,
      List<float[]> patches,
      List<int[]> prompts,
      Sampling sampling,
      SplittableRandom rnd) {
    ModelConfig c = model.config();
    List<int[]> none = prompts.stream().map(p -> new int[0]).toList();
    SequenceBatch sb = SequenceBatch.of(c, patches, prompts, none, pad);
    int rows = sb.rows();
    int l0 = c.patches() + sb.promptLength();
    int maxNew = Math.min(sampling.maxNewTokens(), c.maxPositions() - l0);
    Rows out = new Rows(prompts, choices);
    try (NDManager gen = parent.newSubManager();
        KvCache cache = new KvCache(c.decoderLayers(), (long) l0 + maxNew, gen)) {
      float[] logits;
      try (NDManager step = gen.newSubManager()) {
        NDArray visual = model.encodeImage(sb.patches(step));
        NDArray h = model.hidden(visual, sb.tokens(step), sb.positions(step), sb.mask(step), cache);
        logits = model.logits(last(h)).toFloatArray();
      }
      boolean[] valid = Arrays.copyOf(sb.valid(), sb.valid().length);
      long[] nextPos = new long[rows];
      for (int b = 0; b < rows; b++) {
        for (int j = 0; j < l0; j++) {
          nextPos[b] += valid[b * l0 + j] ? 1 : 0;
        }
      }
      int len = l0;
      for (int t = 0; t < maxNew; t++) {
        long[] next = out.choose(logits, c.vocabSize(), sampling, rnd, eos, pad);
        if (out.allDone() || t == maxNew - 1) {
          break;
        }
        float[] mask = new float[rows * (len + 1)];
        for (int b = 0; b < rows; b++) {
          for (int j = 0; j < len; j++) {
            mask[b * (len + 1) + j] = valid[b * len + j] ? 0f : VisionLanguageModel.NEG;
          }
        }
        try (NDManager step = gen.newSubManager()) {
          NDArray h =
              model.step(
                  step.create(next, new Shape(rows, 1)),
                  step.create(nextPos, new Shape(rows, 1)),
                  step.create(mask, new Shape(rows, 1, 1, len + 1)),
                  cache);
          logits = model.logits(h).toFloatArray();
        }
        boolean[] grown = new boolean[rows * (len + 1)];
        for (int b = 0; b < rows; b++) {
          System.arraycopy(valid, b * len, grown, b * (len + 1), len);
          grown[b * (len + 1) + len] = true;
          nextPos[b]++;
        }
        valid = grown;
        len++;
      }
    }
    return out.results();
  }

  /**
   * The oracle: the same decoding, recomputing the whole sequence for every new token (the image is
   * encoded once, as it would be by any decoder).
   */
  public List<int[]> generateUncached(
      NDManager parent,
      List<float[]> patches,
      List<int[]> prompts,
      Sampling sampling,
      SplittableRandom rnd) {
    ModelConfig c = model.config();
    int rows = prompts.size();
    int promptLen = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    int maxNew = Math.min(sampling.maxNewTokens(), c.maxPositions() - c.patches() - promptLen);
    Rows out = new Rows(prompts, choices);
    List<int[]> fed = new ArrayList<>();
    for (int b = 0; b < rows; b++) {
      fed.add(new int[0]);
    }
    try (NDManager gen = parent.newSubManager()) {
      SequenceBatch first = SequenceBatch.of(c, patches, prompts, fed, pad);
      NDArray visual = model.encodeImage(first.patches(gen));
      for (int t = 0; t < maxNew; t++) {
        float[] logits;
        try (NDManager step = gen.newSubManager()) {
          SequenceBatch sb = SequenceBatch.of(c, patches, prompts, fed, pad);
          NDArray h = model.hidden(visual, sb.tokens(step), sb.positions(step), sb.mask(step));
          logits = model.logits(last(h)).toFloatArray();
        }
        long[] next = out.choose(logits, c.vocabSize(), sampling, rnd, eos, pad);
        if (out.allDone() || t == maxNew - 1) {
          break;
        }
        for (int b = 0; b < rows; b++) {
          int[] f = Arrays.copyOf(fed.get(b), fed.get(b).length + 1);
          f[f.length - 1] = (int) next[b];
          fed.set(b, f);
        }
      }
    }
    return out.results();
  }

  /** Per-row outputs and the token choice rule shared by both decoders. */
  private static final class Rows {
    private final List<List<Integer>> tokens = new ArrayList<>();
    private final boolean[] done;
    private final AnswerChoices.State[] answer;

    Rows(List<int[]> prompts, Function<int[], AnswerChoices> choices) {
      int rows = prompts.size();
      done = new boolean[rows];
      answer = new AnswerChoices.State[rows];
      for (int b = 0; b < rows; b++) {
        tokens.add(new ArrayList<>());
        AnswerChoices c = choices.apply(prompts.get(b));
        answer[b] = c == null ? null : new AnswerChoices.State(c);
      }
    }

    long[] choose(float[] logits, int vocab, Sampling s, SplittableRandom rnd, int eos, int pad) {
      long[] next = new long[done.length];
      for (int b = 0; b < done.length; b++) {
        if (done[b]) {
          next[b] = pad;
          continue;
        }
        float[] v = logits;
        int from = b * vocab;
        int[] allowed = answer[b] == null ? null : answer[b].allowed();
        if (allowed != null) {
          v = new float[vocab];
          Arrays.fill(v, Float.NEGATIVE_INFINITY);
          for (int a : allowed) {
            v[a] = logits[from + a];
          }
          from = 0;
        }
        int tok =
            s.isGreedy() ? argMax(v, from, vocab) : sample(v, from, vocab, s.temperature(), rnd);
        if (answer[b] != null) {
          answer[b].accept(tok);
        }
        tokens.get(b).add(tok);
        done[b] = tok == eos;
        next[b] = tok;
      }
      return next;
    }

    boolean allDone() {
      for (boolean d : done) {
        if (!d) {
          return false;
        }
      }
      return true;
    }

    List<int[]> results() {
      return tokens.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    }
  }

  private static NDArray last(NDArray h) {
    return h.get(":, " + (h.getShape().get(1) - 1) + ", :");
  }

  static int argMax(float[] v, int from, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (v[from + i] > v[from + best]) {
        best = i;
      }
    }
    return best;
  }

  static int sample(float[] v, int from, int n, double temperature, SplittableRandom rnd) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, v[from + i]);
    }
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      p[i] = Math.exp((v[from + i] - max) / temperature);
      sum += p[i];
    }
    double u = rnd.nextDouble() * sum;
    for (int i = 0; i < n; i++) {
      u -= p[i];
      if (u <= 0 && p[i] > 0) {
        return i;
      }
    }
    for (int i = n - 1; i > 0; i--) {
      if (p[i] > 0) {
        return i;
      }
    }
    return 0;
  }
}
