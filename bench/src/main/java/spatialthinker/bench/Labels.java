package spatialthinker.bench;

import spatialthinker.core.label.ExactLabelSimilarity;
import spatialthinker.core.label.WordNetLabelSimilarity;
import spatialthinker.core.parse.ParseLimits;
import spatialthinker.reward.RewardPresets;

/** Reward presets for a label-similarity name. */
final class Labels {

  private Labels() {}

  static RewardPresets presets(String labels, ParseLimits limits) {
    return switch (labels) {
      case "exact" -> {
        ExactLabelSimilarity exact = new ExactLabelSimilarity();
        yield new RewardPresets(() -> exact, limits);
      }
      case "wordnet" -> new RewardPresets(WordNetLabelSimilarity::shared, limits);
      default -> throw new IllegalArgumentException("unknown labels " + labels);
    };
  }
}
