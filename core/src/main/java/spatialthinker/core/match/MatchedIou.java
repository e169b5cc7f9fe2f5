package spatialthinker.core.match;

import java.util.List;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;
import spatialthinker.core.label.LabelSimilarity;

/**
 * The box metric of the evaluation and of training alike: ground-truth objects are matched one to
 * one to predicted objects by the Hungarian method on cost {@code 2 (1 - label similarity) + (1 -
 * IoU)}, and the metric is the mean, over ground-truth objects, of the IoU of the box matched to
 * each (0 for an unmatched one). A ground truth with no objects scores 1 when nothing is predicted
 * and 0 otherwise.
 */
public final class MatchedIou {

  private MatchedIou() {}

  /** The matched IoU of a predicted graph against the true one, in [0, 1]. */
  public static double of(SceneGraph pred, SceneGraph truth, LabelSimilarity labels) {
    return of(pred.objects(), truth.objects(), labels);
  }

  /** The matched IoU of predicted objects against the true ones, in [0, 1]. */
  public static double of(List<SceneObject> p, List<SceneObject> g, LabelSimilarity labels) {
    if (g.isEmpty()) {
      return p.isEmpty() ? 1.0 : 0.0;
    }
    if (p.isEmpty()) {
      return 0.0;
    }
    double[][] cost = new double[p.size()][g.size()];
    double[][] iou = new double[p.size()][g.size()];
    for (int i = 0; i < p.size(); i++) {
      for (int j = 0; j < g.size(); j++) {
        double v = Math.max(0.0, Math.min(1.0, p.get(i).bbox().iou(g.get(j).bbox())));
        iou[i][j] = Double.isFinite(v) ? v : 0.0;
        double sim = labels.similarity(p.get(i).id(), g.get(j).id());
        cost[i][j] = 2 * (1 - sim) + (1 - iou[i][j]);
      }
    }
    int[] rowToCol = Hungarian.solve(cost);
    double sum = 0;
    for (int i = 0; i < rowToCol.length; i++) {
      if (rowToCol[i] >= 0) {
        sum += iou[i][rowToCol[i]];
      }
    }
    return sum / g.size();
  }
}
