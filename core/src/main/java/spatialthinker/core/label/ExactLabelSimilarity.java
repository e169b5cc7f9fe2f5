package spatialthinker.core.label;

/** 1 when the normalised labels are equal, else 0. */
public final class ExactLabelSimilarity implements LabelSimilarity {

  @Override
  public double similarity(String a, String b) {
    return LabelNormalizer.normalize(a).equals(LabelNormalizer.normalize(b)) ? 1.0 : 0.0;
  }

  @Override
  public String name() {
    return "exact";
  }
}
