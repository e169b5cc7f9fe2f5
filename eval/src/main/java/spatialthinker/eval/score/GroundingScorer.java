package spatialthinker.eval.score;

import java.util.Optional;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.label.ExactLabelSimilarity;
import spatialthinker.core.label.LabelSimilarity;
import spatialthinker.core.match.MatchedIou;
import spatialthinker.core.parse.ParsedResponse;
import spatialthinker.core.parse.ResponseParser;
import spatialthinker.core.parse.SceneParse;
import spatialthinker.core.parse.Tag;
import spatialthinker.core.parse.TagContent;
import spatialthinker.reward.MalformedRecordException;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardPresets;

/**
 * Grounding metrics of a response against a ground-truth {@code <scene>…</scene>\n<answer>…
 * </answer>}: the format check and dense reward come from the {@code reward} module, so they are
 * the numbers training optimises; labels match exactly (after normalisation). Thread-safe.
 */
public final class GroundingScorer {

  private final ResponseParser parser = new ResponseParser();
  private final LabelSimilarity labels = new ExactLabelSimilarity();
  private final Reward dense = RewardPresets.exactLabels().create("dense");

  /**
   * Scores a response; empty when the ground truth holds no readable scene graph.
   *
   * @param width width of the image the model saw
   * @param height height of the image the model saw
   */
  public Optional<Grounding> score(String response, String groundTruth, int width, int height) {
    SceneParse gt = parser.readScene(TagContent.find(Tag.SCENE, groundTruth));
    if (gt.graph().isEmpty()) {
      return Optional.empty();
    }
    ParsedResponse parsed = parser.parse(response);
    double iou = parsed.sceneGraph().graph().map(p -> matchedIou(p, gt.graph().get())).orElse(0.0);
    double reward;
    try {
      reward =
          dense
              .score(
                  new RewardInput(
                      response, groundTruth, "Image size: (" + width + " x " + height + ")"))
              .overall();
    } catch (MalformedRecordException e) {
      return Optional.empty();
    }
    return Optional.of(new Grounding(parsed.isWellFormatted(), iou, reward));
  }

  /** Mean IoU over ground-truth objects of their matched predicted boxes (0 when unmatched). */
  double matchedIou(SceneGraph pred, SceneGraph truth) {
    return MatchedIou.of(pred, truth, labels);
  }
}
