package spatialthinker.train.eval;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spatialthinker.core.graph.SceneObject;
import spatialthinker.core.label.ExactLabelSimilarity;
import spatialthinker.core.label.LabelSimilarity;
import spatialthinker.core.match.MatchedIou;
import spatialthinker.core.parse.ParseLimits;
import spatialthinker.core.parse.PyText;
import spatialthinker.core.parse.ResponseParser;
import spatialthinker.core.parse.SceneJson;
import spatialthinker.core.parse.Tag;
import spatialthinker.core.parse.TagContent;
import spatialthinker.reward.BatchScorer;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardScore;
import spatialthinker.train.data.QaExample;
import spatialthinker.train.model.GradMode;
import spatialthinker.train.model.Policy;
import spatialthinker.train.model.Sampling;

/** Generates responses for prompts in batches and scores them with a reward and box IoU. */
public final class PolicyEvaluator {

  private static final Pattern LETTERED =
      Pattern.compile("^\\([A-Za-z]\\)\\s*(.*)$", Pattern.DOTALL);

  private final Reward reward;
  private final BatchScorer scorer;
  private final ResponseParser parser = new ResponseParser(ParseLimits.DEFAULT);
  private final SceneJson json = new SceneJson(ParseLimits.DEFAULT);

  public PolicyEvaluator(Reward reward, BatchScorer scorer) {
    this.reward = reward;
    this.scorer = scorer;
  }

  /** Evaluates {@code examples} with {@code sampling}, {@code batch} prompts at a time. */
  public Evaluation evaluate(
      Policy policy, List<QaExample> examples, Sampling sampling, int batch, long seed) {
    GradMode.off();
    SplittableRandom rnd = new SplittableRandom(seed);
    List<ItemResult> items = new ArrayList<>();
    for (int from = 0; from < examples.size(); from += batch) {
      List<QaExample> chunk = examples.subList(from, Math.min(examples.size(), from + batch));
      List<float[]> patches = chunk.stream().map(e -> policy.patches(e.image())).toList();
      List<int[]> prompts = chunk.stream().map(e -> policy.promptTokens(e.problem())).toList();
      List<int[]> gen;
      try (NDManager m = policy.parameters().manager().newSubManager()) {
        gen = policy.decoder().generate(m, patches, prompts, sampling, rnd);
      }
      List<RewardInput> inputs = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        QaExample e = chunk.get(i);
        inputs.add(new RewardInput(policy.text(gen.get(i)), e.groundTruth(), e.problem()));
      }
      List<RewardScore> scores = scorer.score(reward, inputs);
      for (int i = 0; i < chunk.size(); i++) {
        String text = inputs.get(i).response();
        items.add(
            new ItemResult(
                chunk.get(i).category(),
                scores.get(i),
                boxIou(text, chunk.get(i).groundTruth()),
                answerMatches(text, chunk.get(i).groundTruth()),
                answerTextMatches(text, chunk.get(i).groundTruth()),
                gen.get(i).length,
                text));
      }
    }
    return new Evaluation(items);
  }

  /**
   * Whether the first {@code <answer>} of the response equals the ground truth's ({@code (B)
   * behind}), ignoring case and surrounding white space; false when either has none.
   */
  static boolean answerMatches(String response, String groundTruth) {
    return sameAnswer(response, groundTruth, a -> PyText.lower(PyText.strip(a)));
  }

  /**
   * Whether the first {@code <answer>} of the response names the same option text as the ground
   * truth's ({@code (B) behind} and {@code (C) behind} both name {@code behind}), ignoring case and
   * surrounding white space; false when either has no answer.
   */
  static boolean answerTextMatches(String response, String groundTruth) {
    return sameAnswer(response, groundTruth, PolicyEvaluator::optionText);
  }

  /** Whether the first answers of both texts have the same non-empty key. */
  private static boolean sameAnswer(
      String response, String groundTruth, UnaryOperator<String> key) {
    Optional<String> truth =
        TagContent.find(Tag.ANSWER, groundTruth).content().map(key).filter(t -> !t.isEmpty());
    return truth.isPresent()
        && TagContent.find(Tag.ANSWER, response).content().map(key).equals(truth);
  }

  private static String optionText(String answer) {
    Matcher m = LETTERED.matcher(PyText.strip(answer));
    return PyText.lower(PyText.strip(m.matches() ? m.group(1) : answer));
  }

  /**
   * The evaluation's box metric ({@link MatchedIou}, exact labels): ground-truth objects matched
   * one to one to predicted ones; 0 for a response without a readable scene graph.
   */
  double boxIou(String response, String groundTruth) {
    Optional<List<SceneObject>> truth =
        TagContent.find(Tag.SCENE, groundTruth)
            .content()
            .map(c -> json.parse(c.strip()))
            .flatMap(p -> p.graph())
            .map(g -> g.objects());
    if (truth.isEmpty()) {
      return 0;
    }
    Optional<List<SceneObject>> pred =
        parser.parse(response).sceneGraph().graph().map(g -> g.objects());
    return pred.map(p -> MatchedIou.of(p, truth.get(), LABELS)).orElse(0.0);
  }

  private static final LabelSimilarity LABELS = new ExactLabelSimilarity();
}
