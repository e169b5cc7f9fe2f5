package spatialthinker.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Option;
import spatialthinker.core.label.ExactLabelSimilarity;
import spatialthinker.core.label.LabelSimilarity;
import spatialthinker.core.label.WordNetLabelSimilarity;
import spatialthinker.core.parse.ParseLimits;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardPresets;

/** The options that choose a reward: the preset spec and the label similarity. */
final class RewardOptions {

  @Option(
      names = "--reward",
      paramLabel = "SPEC",
      description =
          "dense (default: the paper's reward, its spatial term unclamped as the reference"
              + " computes it), dense-clamped (spatial term and total clamped to [0, 1]), sparse,"
              + " dense-ungated, dense-nocount, spatial-ungated, format-accuracy, or"
              + " PRESET:key=value,... with keys format, count, accuracy, spatial (weights), gate"
              + " and clamp (true/false), e.g. dense:count=0,gate=false or dense:clamp=true")
  String reward = "dense";

  @Option(
      names = "--labels",
      paramLabel = "wordnet|exact",
      description =
          "label similarity for matching predicted to true objects: wordnet (Wu-Palmer,"
              + " default) or exact")
  String labels = "wordnet";

  Reward reward() {
    return presets().create(reward);
  }

  RewardPresets presets() {
    Supplier<LabelSimilarity> sim =
        switch (labels) {
          case "wordnet" -> WordNetLabelSimilarity::shared;
          case "exact" -> ExactLabelSimilarity::new;
          default ->
              throw new IllegalArgumentException(
                  "--labels '" + labels + "' is not one of: wordnet, exact");
        };
    return new RewardPresets(sim, ParseLimits.DEFAULT);
  }
}
