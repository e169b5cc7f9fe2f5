package spatialthinker.reward;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import spatialthinker.core.label.ExactLabelSimilarity;
import spatialthinker.core.label.LabelSimilarity;
import spatialthinker.core.parse.ParseLimits;

/**
 * Named rewards: the paper's {@code dense} reward, the {@code sparse} baseline, the ablations of
 * the paper's reward study, and custom weightings.
 *
 * <p>A spec is a preset name, optionally followed by {@code :} and overrides, e.g. {@code
 * dense:count=0,gate=false} or {@code dense:format=0.1,accuracy=0.5,spatial=0.4}.
 */
public final class RewardPresets {

  /** Preset names with one-line descriptions, in the order the help lists them. */
  public static final Map<String, String> DESCRIPTIONS = descriptions();

  private final Supplier<LabelSimilarity> similarity;
  private final ParseLimits limits;

  /**
   * Presets that match labels with the given similarity.
   *
   * @param similarity supplies the label similarity on first use (WordNet loads lazily)
   * @param limits caps on response length and scene size
   */
  public RewardPresets(Supplier<LabelSimilarity> similarity, ParseLimits limits) {
    this.similarity = similarity;
    this.limits = limits;
  }

  /** Presets with exact label matching and default limits (no WordNet). */
  public static RewardPresets exactLabels() {
    ExactLabelSimilarity exact = new ExactLabelSimilarity();
    return new RewardPresets(() -> exact, ParseLimits.DEFAULT);
  }

  /** All preset names. */
  public static List<String> names() {
    return List.copyOf(DESCRIPTIONS.keySet());
  }

  /** Creates the reward for a spec; throws {@link IllegalArgumentException} naming a bad part. */
  public Reward create(String spec) {
    String s = spec.strip();
    int colon = s.indexOf(':');
    String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
    String overrides = colon < 0 ? "" : s.substring(colon + 1);
    if (name.equals("sparse")) {
      if (!overrides.isBlank()) {
        throw new IllegalArgumentException("reward 'sparse' takes no overrides: '" + spec + "'");
      }
      return new SparseReward(limits);
    }
    RewardConfig base =
        switch (name) {
          case "dense" -> config("dense", RewardWeights.PAPER, true);
          case "dense-clamped" ->
              new RewardConfig("dense-clamped", RewardWeights.PAPER, true, limits, true);
          case "dense-ungated" -> config("dense-ungated", RewardWeights.PAPER, false);
          case "dense-nocount" ->
              config("dense-nocount", new RewardWeights(0.1, 0, 0.5, 0.2), true);
          case "spatial-ungated" ->
              config("spatial-ungated", new RewardWeights(0.1, 0, 0.5, 0.2), false);
          case "format-accuracy" ->
              config("format-accuracy", new RewardWeights(0.1, 0, 0.5, 0), true);
          default ->
              throw new IllegalArgumentException(
                  "unknown reward '" + name + "'; expected one of " + names());
        };
    RewardConfig cfg = overrides.isBlank() ? base : override(base, s, overrides);
    return new DenseReward(cfg, similarity.get());
  }

  private RewardConfig config(String name, RewardWeights w, boolean gate) {
    return new RewardConfig(name, w, gate, limits);
  }

  private static RewardConfig override(RewardConfig base, String spec, String overrides) {
    RewardWeights w = base.weights();
    double f = w.format();
    double c = w.count();
    double a = w.accuracy();
    double sp = w.spatial();
    boolean gate = base.gateSpatialOnAccuracy();
    boolean clamp = base.clampSpatial();
    for (String part : overrides.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "reward override '" + part.strip() + "' in '" + spec + "' is not key=value");
      }
      String key = kv[0].strip().toLowerCase(Locale.ROOT);
      String value = kv[1].strip();
      switch (key) {
        case "format" -> f = weight(key, value, spec);
        case "count" -> c = weight(key, value, spec);
        case "accuracy" -> a = weight(key, value, spec);
        case "spatial" -> sp = weight(key, value, spec);
        case "gate" -> gate = bool(key, value, spec);
        case "clamp" -> clamp = bool(key, value, spec);
        default ->
            throw new IllegalArgumentException(
                "unknown reward override '"
                    + key
                    + "' in '"
                    + spec
                    + "'; expected format, count, accuracy, spatial, gate or clamp");
      }
    }
    return new RewardConfig(spec, new RewardWeights(f, c, a, sp), gate, base.limits(), clamp);
  }

  private static double weight(String key, String value, String spec) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "reward override " + key + "='" + value + "' in '" + spec + "' is not a number");
    }
  }

  private static boolean bool(String key, String value, String spec) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default ->
          throw new IllegalArgumentException(
              "reward override " + key + "='" + value + "' in '" + spec + "' is not true/false");
    };
  }

  private static Map<String, String> descriptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("dense", "the paper: 0.1 format + 0.2 count + 0.5 accuracy + 0.2 spatial (gated)");
    m.put("sparse", "vanilla GRPO: 0.5 think/answer format + 0.5 accuracy");
    m.put("dense-clamped", "dense with the spatial term and the total clamped to [0, 1]");
    m.put("dense-ungated", "dense with spatial scored even when the answer is wrong");
    m.put("dense-nocount", "dense without the count term");
    m.put("spatial-ungated", "format + accuracy + ungated spatial, no count (reward hacking)");
    m.put("format-accuracy", "0.1 format + 0.5 accuracy with the SpatialThinker format");
    return Collections.unmodifiableMap(m);
  }
}
