package spatialthinker.reward;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;
import spatialthinker.core.label.LabelSimilarity;
import spatialthinker.core.match.Hungarian;
import spatialthinker.core.parse.ParsedResponse;
import spatialthinker.core.parse.PyText;
import spatialthinker.core.parse.ResponseParser;

/**
 * The SpatialThinker dense reward, computed as the paper's reference implementation computes it:
 * format gates everything, count compares object and relation counts, accuracy compares the first
 * answers, and spatial (only when the answer is right, unless configured otherwise) averages the
 * CIoU of ground-truth boxes matched to predicted ones by the Hungarian method. See {@code
 * docs/reward.md} for every rule and each place where this implementation guards beyond the
 * reference.
 */
public final class DenseReward implements Reward {

  /** Weight of label dissimilarity in the matching cost. */
  static final double LABEL_COST_WEIGHT = 2.0;

  /** Weight of box dissimilarity (1 − CIoU01) in the matching cost. */
  static final double BOX_COST_WEIGHT = 1.0;

  /** Cost of the padding rows added when there are fewer predictions than ground-truth objects. */
  static final double PADDING_COST = 1e5;

  private final RewardConfig config;
  private final LabelSimilarity similarity;
  private final ResponseParser parser;

  public DenseReward(RewardConfig config, LabelSimilarity similarity) {
    this.config = Objects.requireNonNull(config, "config");
    this.similarity = Objects.requireNonNull(similarity, "similarity");
    this.parser = new ResponseParser(config.limits());
  }

  @Override
  public String name() {
    return config.name();
  }

  public RewardConfig config() {
    return config;
  }

  @Override
  public RewardScore score(RewardInput input) {
    ImageSize size = ImageSize.fromProblem(input.problem());
    GroundTruth gt =
        GroundTruth.read(input.groundTruth(), parser.sceneJson(), config.limits().maxObjects());
    ParsedResponse parsed = parser.parse(input.response());
    if (!parsed.isWellFormatted()) {
      return RewardScore.ZERO;
    }
    SceneGraph pred = parsed.sceneGraph().graph().orElseThrow();
    double format = 1.0;
    double count = count(pred, parsed.sceneGraph().hasObjectsKey(), gt);
    double accuracy = accuracy(parsed.answerText(), gt.answer());
    double spatial = 0.0;
    if (accuracy == 1.0 || !config.gateSpatialOnAccuracy()) {
      spatial = spatial(pred, gt, size);
    }
    RewardWeights w = config.weights();
    double overall =
        format * w.format() + count * w.count() + accuracy * w.accuracy() + spatial * w.spatial();
    if (config.clampSpatial()) {
      overall = clamp01(overall);
    }
    return new RewardScore(overall, format, count, accuracy, spatial);
  }

  static double accuracy(Optional<String> predAnswer, String gtAnswer) {
    String pred = PyText.lower(PyText.strip(predAnswer.orElse("")));
    String gt = PyText.lower(PyText.strip(gtAnswer));
    return pred.equals(gt) ? 1.0 : 0.0;
  }

  static double count(SceneGraph pred, boolean predHasObjects, GroundTruth gt) {
    if (!predHasObjects || gt.objectCount().isEmpty()) {
      return 0.0;
    }
    double objects = countScore(pred.objects().size(), gt.objectCount().get());
    if (gt.relationCount() == 0) {
      return objects;
    }
    double relations = countScore(pred.relationships().size(), gt.relationCount());
    return objects * 0.7 + relations * 0.3;
  }

  private static double countScore(int predicted, int truth) {
    return Math.max(0.0, 1 - (double) Math.abs(predicted - truth) / Math.max(truth, 1));
  }

  double spatial(SceneGraph pred, GroundTruth gt, ImageSize size) {
    if (gt.objects().isEmpty() || !gt.relationsAreList()) {
      return 0.0;
    }
    List<GroundTruth.LabeledBox> gtObjs = gt.objects().get();
    List<SceneObject> prObjs = pred.objects();
    if (gt.relationCount() == 0 && gtObjs.isEmpty()) {
      return prObjs.isEmpty() ? 1.0 : 0.0;
    }
    if (gtObjs.isEmpty()) {
      return 1.0;
    }
    double sx = 1.0 / size.width();
    double sy = 1.0 / size.height();
    int g = gtObjs.size();
    int p = prObjs.size();
    Box[] gBoxes = new Box[g];
    for (int j = 0; j < g; j++) {
      gBoxes[j] = gtObjs.get(j).box().scale(sx, sy);
    }
    double[][] ciou = new double[p][g];
    double[][] cost = new double[Math.max(p, g)][g];
    for (int i = 0; i < p; i++) {
      SceneObject po = prObjs.get(i);
      Box pBox = po.bbox().scale(sx, sy);
      for (int j = 0; j < g; j++) {
        double c = finiteOrZero(gBoxes[j].ciou01(pBox));
        ciou[i][j] = c;
        double sim = clamp01(similarity.similarity(gtObjs.get(j).id(), po.id()));
        cost[i][j] = LABEL_COST_WEIGHT * (1.0 - sim) + BOX_COST_WEIGHT * (1.0 - c);
      }
    }
    for (int i = p; i < g; i++) {
      Arrays.fill(cost[i], PADDING_COST);
    }
    int[] rowToCol = Hungarian.solve(cost);
    double[] perGt = new double[g];
    for (int i = 0; i < p; i++) {
      if (rowToCol[i] >= 0) {
        perGt[rowToCol[i]] = ciou[i][rowToCol[i]];
      }
    }
    double sum = 0.0;
    for (double v : perGt) {
      sum += v;
    }
    // The reference leaves [0, 1] for inverted boxes (x2 < x1 or y2 < y1) and for some extreme
    // geometry; the clamped presets clamp only the total, so any total inside the range is the
    // reference's to the last bit either way.
    double s = finiteOrZero(sum / g);
    return config.clampSpatial() ? clamp01(s) : s;
  }

  private static double finiteOrZero(double v) {
    return Double.isFinite(v) ? v : 0.0;
  }

  /** Clamps to [0, 1]; NaN becomes 0. */
  private static double clamp01(double v) {
    return v >= 0.0 ? Math.min(v, 1.0) : 0.0;
  }
}
