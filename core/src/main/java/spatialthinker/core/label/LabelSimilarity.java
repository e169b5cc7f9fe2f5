package spatialthinker.core.label;

/**
 * Semantic similarity of two object labels, used to match predicted objects to ground-truth ones.
 *
 * <p>Inputs may be bare labels ({@code coffee_mug}) or object ids ({@code cup.2}); implementations
 * normalise both with {@link LabelNormalizer} first. Results lie in [0, 1]; equal normalised labels
 * score 1. Implementations are thread-safe.
 */
public interface LabelSimilarity {

  /** Similarity in [0, 1] of two labels or ids. */
  double similarity(String a, String b);

  /** Short name recorded in provenance, e.g. {@code exact} or {@code wordnet-wup}. */
  String name();
}
