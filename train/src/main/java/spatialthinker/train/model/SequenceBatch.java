package spatialthinker.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A batch laid out for the decoder: per row, the visual tokens, then the prompt left-padded to the
 * longest prompt, then the response right-padded to the longest response. Padding is masked out as
 * attention keys and skipped by the position ids, so a padded row computes what it would alone.
 */
public final class SequenceBatch {

  private final int rows;
  private final int visual;
  private final int promptLen;
  private final int responseLen;
  private final float[] patches;
  private final long[] tokens;
  private final long[] positions;
  private final boolean[] valid;
  private final float[] responseMask;
  private final int patchDim;

  private SequenceBatch(
      ModelConfig c, List<float[]> patchList, List<int[]> prompts, List<int[]> responses, int pad) {
    if (patchList.size() != prompts.size() || prompts.size() != responses.size()) {
      throw new IllegalArgumentException("batch lists differ in length");
    }
    rows = prompts.size();
    visual = c.patches();
    patchDim = c.patchDim();
    promptLen = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    responseLen = responses.stream().mapToInt(r -> r.length).max().orElse(0);
    int t = promptLen + responseLen;
    int l = visual + t;
    if (l > c.maxPositions()) {
      throw new IllegalArgumentException(
          "sequence of " + l + " tokens exceeds maxPositions " + c.maxPositions());
    }
    patches = new float[rows * visual * patchDim];
    tokens = new long[rows * t];
    positions = new long[rows * l];
    valid = new boolean[rows * l];
    responseMask = new float[rows * responseLen];
    for (int b = 0; b < rows; b++) {
      float[] p = patchList.get(b);
      if (p.length != visual * patchDim) {
        throw new IllegalArgumentException("row " + b + " has " + p.length + " patch values");
      }
      System.arraycopy(p, 0, patches, b * visual * patchDim, p.length);
      int[] prompt = prompts.get(b);
      int[] resp = responses.get(b);
      java.util.Arrays.fill(tokens, b * t, (b + 1) * t, pad);
      int off = promptLen - prompt.length;
      for (int i = 0; i < prompt.length; i++) {
        tokens[b * t + off + i] = prompt[i];
      }
      for (int i = 0; i < resp.length; i++) {
        tokens[b * t + promptLen + i] = resp[i];
        responseMask[b * responseLen + i] = 1f;
      }
      long pos = 0;
      for (int j = 0; j < l; j++) {
        boolean ok =
            j < visual
                || (j - visual >= off && j - visual < promptLen)
                || (j - visual >= promptLen && j - visual < promptLen + resp.length);
        valid[b * l + j] = ok;
        positions[b * l + j] = ok ? pos++ : 0;
      }
    }
  }

  /**
   * Lays out a batch.
   *
   * @param patches per row, {@code patches × patchDim} values
   * @param prompts per row, prompt token ids (at least one)
   * @param responses per row, response token ids (may be empty)
   * @param padId the padding token
   */
  public static SequenceBatch of(
      ModelConfig c, List<float[]> patches, List<int[]> prompts, List<int[]> responses, int padId) {
    return new SequenceBatch(c, patches, prompts, responses, padId);
  }

  public int rows() {
    return rows;
  }

  public int promptLength() {
    return promptLen;
  }

  public int responseLength() {
    return responseLen;
  }

  /** Number of response tokens (the mask's sum). */
  public int responseTokens() {
    int n = 0;
    for (float f : responseMask) {
      n += (int) f;
    }
    return n;
  }

  /** Patch values {@code [B, patches, patchDim]}. */
  public NDArray patches(NDManager m) {
    return m.create(patches, new Shape(rows, visual, patchDim));
  }

  /** Token ids {@code [B, T]}. */
  public NDArray tokens(NDManager m) {
    return m.create(tokens, new Shape(rows, promptLen + responseLen));
  }

  /** Response token ids {@code [B, R]}: the targets. */
  public NDArray responseTokens(NDManager m) {
    long[] r = new long[rows * responseLen];
    int t = promptLen + responseLen;
    for (int b = 0; b < rows; b++) {
      System.arraycopy(tokens, b * t + promptLen, r, b * responseLen, responseLen);
    }
    return m.create(r, new Shape(rows, responseLen));
  }

  /** 1 where a response token is real, 0 for padding: {@code [B, R]}. */
  public NDArray responseMask(NDManager m) {
    return m.create(responseMask, new Shape(rows, responseLen));
  }

  /** The response mask as Java values, row-major. */
  public float[] responseMaskValues() {
    return responseMask.clone();
  }

  /** Position ids {@code [B, L]}. */
  public NDArray positions(NDManager m) {
    return m.create(positions, new Shape(rows, visual + promptLen + responseLen));
  }

  /** Additive causal + padding mask {@code [B, 1, L, L]}. */
  public NDArray mask(NDManager m) {
    int l = visual + promptLen + responseLen;
    float[] mask = new float[rows * l * l];
    for (int b = 0; b < rows; b++) {
      for (int i = 0; i < l; i++) {
        int base = (b * l + i) * l;
        for (int j = 0; j < l; j++) {
          mask[base + j] = j <= i && valid[b * l + j] ? 0f : VisionLanguageModel.NEG;
        }
      }
    }
    return m.create(mask, new Shape(rows, 1, l, l));
  }

  /** Which sequence slots are real tokens, row-major {@code [B, L]}. */
  boolean[] valid() {
    return valid;
  }

  /** Position ids as Java values, row-major {@code [B, L]}. */
  long[] positionValues() {
    return positions;
  }
}
