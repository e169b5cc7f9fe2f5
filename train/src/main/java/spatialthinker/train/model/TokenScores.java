package spatialthinker.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Per-token log-probabilities of a batch's response tokens under the model, and optionally the
 * entropy of each predictive distribution, both {@code [B, R]} (teacher forcing, one pass).
 */
public record TokenScores(NDArray logProbs, NDArray entropy) {

  /** Scores the responses of {@code batch}; arrays belong to {@code m}. */
  public static TokenScores of(
      VisionLanguageModel model, NDManager m, SequenceBatch batch, boolean withEntropy) {
    return of(model, m, batch, withEntropy, model.encodeImage(batch.patches(m)));
  }

  /** As {@link #of(VisionLanguageModel, NDManager, SequenceBatch, boolean)} on visual tokens. */
  public static TokenScores of(
      VisionLanguageModel model,
      NDManager m,
      SequenceBatch batch,
      boolean withEntropy,
      NDArray visual) {
    int nv = model.config().patches();
    int p = batch.promptLength();
    int r = batch.responseLength();
    NDArray h = model.hidden(visual, batch.tokens(m), batch.positions(m), batch.mask(m));
    // Position i predicts token i + 1: the last prompt slot predicts the first response token.
    NDArray hs = h.get(":, " + (nv + p - 1) + ":" + (nv + p + r - 1) + ", :");
    NDArray lp = model.logits(hs).logSoftmax(2);
    NDArray tok = lp.gather(batch.responseTokens(m).expandDims(2), 2).squeeze(2);
    NDArray ent = withEntropy ? lp.exp().mul(lp).sum(new int[] {2}).neg() : tok.zerosLike();
    return new TokenScores(tok, ent);
  }
}
