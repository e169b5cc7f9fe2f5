package spatialthinker.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import spatialthinker.train.text.Canonicalizer;
import spatialthinker.train.text.PromptText;
import spatialthinker.train.text.Tokenizer;

/**
 * The trainable policy: tokenizer, network and the text and image conventions around them. It reads
 * an image and a SpatialThinker prompt and writes a SpatialThinker-format response.
 */
public final class Policy implements AutoCloseable {

  private final ModelConfig config;
  private final Tokenizer tokenizer;
  private final Parameters params;
  private final VisionLanguageModel model;
  private final Decoder decoder;
  private final Canonicalizer canonicalizer = new Canonicalizer();
  private final PromptText promptText = new PromptText(canonicalizer);

  /** A policy over existing parameters (it takes ownership of them). */
  public Policy(ModelConfig config, Tokenizer tokenizer, Parameters params) {
    if (config.vocabSize() != tokenizer.size()) {
      throw new IllegalArgumentException(
          "model vocabSize " + config.vocabSize() + " != tokenizer size " + tokenizer.size());
    }
    this.config = config;
    this.tokenizer = tokenizer;
    this.params = params;
    this.model = new VisionLanguageModel(config, params);
    this.decoder =
        new Decoder(
            model,
            tokenizer.eosId(),
            tokenizer.padId(),
            prompt -> AnswerChoices.of(tokenizer.decode(prompt), tokenizer, canonicalizer));
  }

  /** A freshly initialised policy whose parameters live under {@code parent}. */
  public static Policy initialise(
      ModelConfig config, Tokenizer tokenizer, long seed, NDManager parent) {
    Parameters p = VisionLanguageModel.initialise(config, seed, new Parameters(parent));
    if (config.coordEmbed()) {
      coordinateEmbeddings(p.get("tok.emb"), tokenizer, config.dModel());
    }
    return new Policy(config, tokenizer, p);
  }

  /**
   * Sets the embedding of every integer token {@code n} (0 to the tokenizer's largest) to sines and
   * cosines of {@code n}'s angle at {@code d / 2} frequencies spaced geometrically from half a turn
   * over the whole range to half a turn per four integers, scaled to the initial embeddings' size:
   * near coordinates start with near embeddings, far ones nearly orthogonal.
   */
  static void coordinateEmbeddings(NDArray emb, Tokenizer tok, int d) {
    float[] e = emb.toFloatArray();
    int half = d / 2;
    double m = Math.max(4, tok.maxInteger());
    double scale = 0.02 * Math.sqrt(2.0);
    for (int n = 0; n <= tok.maxInteger(); n++) {
      int[] ids = tok.encode(Integer.toString(n));
      if (ids.length != 1) {
        continue;
      }
      int row = ids[0] * d;
      for (int j = 0; j < half; j++) {
        double freq = Math.PI / m * Math.pow(m / 4, j / (double) Math.max(1, half - 1));
        e[row + 2 * j] = (float) (scale * Math.sin(n * freq));
        e[row + 2 * j + 1] = (float) (scale * Math.cos(n * freq));
      }
    }
    emb.set(e);
  }

  public ModelConfig config() {
    return config;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  public Parameters parameters() {
    return params;
  }

  public VisionLanguageModel model() {
    return model;
  }

  public Decoder decoder() {
    return decoder;
  }

  public Canonicalizer canonicalizer() {
    return canonicalizer;
  }

  /** Prompt token ids of a problem text: BOS, then the canonical policy prompt. */
  public int[] promptTokens(String problem) {
    int[] body = tokenizer.encode(promptText.of(problem));
    int[] out = new int[body.length + 1];
    out[0] = tokenizer.bosId();
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** Target token ids of a response: the canonical response, then EOS. */
  public int[] responseTokens(String response) {
    int[] body = tokenizer.encode(canonicalizer.canonical(response));
    int[] out = new int[body.length + 1];
    System.arraycopy(body, 0, out, 0, body.length);
    out[body.length] = tokenizer.eosId();
    return out;
  }

  /** Patch values of an encoded image. */
  public float[] patches(byte[] image) {
    return ImagePatches.of(ImagePatches.decode(image, "image"), config);
  }

  /** Response text of generated token ids. */
  public String text(int[] generated) {
    return tokenizer.decode(generated);
  }

  /** Responses to prompts (with the KV cache), one per row. */
  public List<String> respond(
      NDManager m, List<float[]> patches, List<int[]> prompts, Sampling s, SplittableRandom rnd) {
    List<String> out = new ArrayList<>();
    for (int[] g : decoder.generate(m, patches, prompts, s, rnd)) {
      out.add(text(g));
    }
    return out;
  }

  @Override
  public void close() {
    params.close();
  }
}
