package spatialthinker.train.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import spatialthinker.core.provenance.Provenance;
import spatialthinker.reward.BatchScorer;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardScore;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.ckpt.TrainState;
import spatialthinker.train.data.DataCursor;
import spatialthinker.train.data.QaExample;
import spatialthinker.train.eval.Evaluation;
import spatialthinker.train.eval.PolicyEvaluator;
import spatialthinker.train.metrics.Metrics;
import spatialthinker.train.metrics.TrainListener;
import spatialthinker.train.model.GradMode;
import spatialthinker.train.model.Policy;
import spatialthinker.train.model.Sampling;
import spatialthinker.train.model.SequenceBatch;
import spatialthinker.train.model.TokenScores;
import spatialthinker.train.model.VisionLanguageModel;
import spatialthinker.train.optim.AdamW;

/**
 * GRPO as EasyR1 runs it: per step, {@code promptsPerStep} prompts with {@code rollouts} sampled
 * responses each; rewards from the reward module through {@link BatchScorer}; group-normalised
 * advantages; log-probs of the sampling policy and the frozen reference computed once; then the
 * rollout batch is split into {@code updateBatches} optimiser updates of the clipped, dual-clipped
 * ratio loss plus the k3 KL term ({@link GrpoLoss}).
 */
public final class GrpoTrainer {

  /** The outcome of a run. */
  public record Result(double initialValReward, double finalValReward, long steps) {}

  private final GrpoConfig config;
  private final Reward reward;
  private final BatchScorer scorer;
  private final List<TrainListener> listeners;
  private final int valLimit;
  private final GrpoLoss loss;

  /**
   * @param valLimit the most val prompts scored per validation
   */
  public GrpoTrainer(
      GrpoConfig config,
      Reward reward,
      BatchScorer scorer,
      List<TrainListener> listeners,
      int valLimit) {
    this.config = config;
    this.reward = reward;
    this.scorer = scorer;
    this.listeners = List.copyOf(listeners);
    this.valLimit = valLimit;
    this.loss = new GrpoLoss(config);
  }

  /** Trains {@code policy} against the frozen {@code reference} from {@code start}. */
  public Result train(
      Policy policy,
      VisionLanguageModel reference,
      AdamW optimizer,
      List<QaExample> train,
      List<QaExample> val,
      Path out,
      TrainState start,
      Provenance provenance) {
    policy.parameters().requireGradients();
    List<QaExample> valSet = val.subList(0, Math.min(val.size(), valLimit));
    long seed = start.seed();
    long step = start.step();
    DataCursor cursor = start.cursor();
    double best = start.best();
    double initial = Double.NaN;
    double last = Double.NaN;
    if (step == 0) {
      initial = validate(policy, valSet, 0, seed);
      best = initial;
      last = initial;
    }
    while (step < config.steps()) {
      DataCursor.Next next = cursor.next(config.promptsPerStep(), train.size(), seed);
      SplittableRandom rnd = stepRandom(seed, step);
      Map<String, Object> v = step(policy, reference, optimizer, train, next.indices(), rnd);
      step++;
      cursor = next.cursor();
      Metrics m = new Metrics("grpo", "train", step, v);
      listeners.forEach(l -> l.onStep(m));
      if (step % config.evalEvery() == 0 || step == config.steps()) {
        last = validate(policy, valSet, step, seed);
        if (last > best) {
          best = last;
          save(out.resolve("best"), policy, Optional.empty(), step, cursor, seed, best, provenance);
        }
      }
      if (step % config.checkpointEvery() == 0 || step == config.steps()) {
        save(
            out.resolve("last"),
            policy,
            Optional.of(optimizer),
            step,
            cursor,
            seed,
            best,
            provenance);
      }
    }
    return new Result(initial, last, step);
  }

  /** The random source of step {@code k}: a pure function of the seed and the step. */
  static SplittableRandom stepRandom(long seed, long step) {
    return new SplittableRandom(seed ^ (0xD1B54A32D192ED03L * (step + 1)));
  }

  /**
   * One GRPO step in its stages: rollout, score, advantages, minibatches, update. The random source
   * is drawn from in this order: decoding, then the update order.
   */
  private Map<String, Object> step(
      Policy policy,
      VisionLanguageModel reference,
      AdamW optimizer,
      List<QaExample> train,
      int[] indices,
      SplittableRandom rnd) {
    GradMode.off();
    long t0 = System.nanoTime();
    RolloutBatch batch = rollout(policy, train, indices, rnd);
    long t1 = System.nanoTime();
    List<RewardScore> scores = score(policy, batch);
    double[] rewards = scores.stream().mapToDouble(RewardScore::overall).toArray();
    double[] adv = GrpoLoss.advantages(rewards, batch.groupSize());
    long t2 = System.nanoTime();
    List<int[]> minibatches = minibatches(shuffled(batch.size(), rnd), config.updateBatches());
    Update update = update(policy, reference, optimizer, batch, adv, minibatches);
    long t3 = System.nanoTime();
    long generated = batch.generatedTokens();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("reward", mean(scores, RewardScore::overall));
    v.put("reward_format", mean(scores, RewardScore::format));
    v.put("reward_count", mean(scores, RewardScore::count));
    v.put("reward_accuracy", mean(scores, RewardScore::accuracy));
    v.put("reward_spatial", mean(scores, RewardScore::spatial));
    v.put("accuracy", mean(scores, s -> s.accuracy() > 0 ? 1 : 0));
    v.put("format_rate", mean(scores, s -> s.format() > 0 ? 1 : 0));
    v.put("response_length", generated / (double) batch.size());
    update.means().putInto(v);
    v.put("entropy", update.entropy());
    v.put("step_time_s", (t3 - t0) / 1e9);
    v.put("rollout_time_s", (t1 - t0) / 1e9);
    v.put("reward_time_s", (t2 - t1) / 1e9);
    v.put("update_time_s", (t3 - t2) / 1e9);
    v.put("rollout_tokens_per_s", generated / ((t1 - t0) / 1e9));
    v.put("tokens_per_s", generated / ((t3 - t0) / 1e9));
    v.put("data_indices", indices.clone());
    return v;
  }

  /** Samples {@code rollouts} responses for each prompt of {@code indices}, a group per prompt. */
  private RolloutBatch rollout(
      Policy policy, List<QaExample> train, int[] indices, SplittableRandom rnd) {
    int n = config.rollouts();
    List<float[]> patches = new ArrayList<>();
    List<int[]> prompts = new ArrayList<>();
    List<QaExample> rows = new ArrayList<>();
    for (int idx : indices) {
      QaExample e = train.get(idx);
      float[] p = policy.patches(e.image());
      int[] prompt = policy.promptTokens(e.problem());
      for (int k = 0; k < n; k++) {
        patches.add(p);
        prompts.add(prompt);
        rows.add(e);
      }
    }
    List<int[]> responses;
    Sampling sampling = new Sampling(config.temperature(), config.maxNewTokens());
    try (NDManager m = policy.parameters().manager().newSubManager()) {
      responses = policy.decoder().generate(m, patches, prompts, sampling, rnd);
    }
    return new RolloutBatch(rows, patches, prompts, responses, n);
  }

  /** The reward of each rollout, through the batch scorer. */
  private List<RewardScore> score(Policy policy, RolloutBatch batch) {
    List<RewardInput> inputs = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      QaExample row = batch.rows().get(i);
      inputs.add(
          new RewardInput(policy.text(batch.responses().get(i)), row.groundTruth(), row.problem()));
    }
    return scorer.score(reward, inputs);
  }

  /** {@code 0..n-1} in a Fisher-Yates order drawn from {@code rnd}. */
  static int[] shuffled(int n, SplittableRandom rnd) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** The update stage's diagnostics and the sampling policy's mean token entropy. */
  private record Update(UpdateMeans means, double entropy) {}

  /**
   * Log-probs of the sampling policy and of the reference for every minibatch first, then one AdamW
   * update per minibatch.
   */
  private Update update(
      Policy policy,
      VisionLanguageModel reference,
      AdamW optimizer,
      RolloutBatch batch,
      double[] adv,
      List<int[]> minibatches) {
    UpdateMeans updates = new UpdateMeans();
    double entSum = 0;
    long tokens = 0;
    try (NDManager held = policy.parameters().manager().newSubManager()) {
      List<SequenceBatch> batches = new ArrayList<>();
      List<NDArray[]> fixed = new ArrayList<>();
      for (int[] rowsOfBatch : minibatches) {
        List<float[]> bp = new ArrayList<>();
        List<int[]> bq = new ArrayList<>();
        List<int[]> br = new ArrayList<>();
        float[] ba = new float[rowsOfBatch.length];
        for (int k = 0; k < rowsOfBatch.length; k++) {
          int r = rowsOfBatch[k];
          bp.add(batch.patches().get(r));
          bq.add(batch.prompts().get(r));
          br.add(batch.responses().get(r));
          ba[k] = (float) adv[r];
        }
        SequenceBatch sb =
            SequenceBatch.of(policy.config(), bp, bq, br, policy.tokenizer().padId());
        TokenScores old = TokenScores.of(policy.model(), held, sb, true);
        TokenScores ref = TokenScores.of(reference, held, sb, false);
        NDArray mask = sb.responseMask(held);
        entSum += old.entropy().mul(mask).sum().getFloat();
        tokens += sb.responseTokens();
        batches.add(sb);
        fixed.add(
            new NDArray[] {
              old.logProbs(), ref.logProbs(), held.create(ba, new Shape(ba.length, 1)), mask
            });
      }
      for (int b = 0; b < batches.size(); b++) {
        NDArray[] f = fixed.get(b);
        GrpoLoss.Result r;
        double lossValue;
        try (NDManager m = held.newSubManager();
            GradientCollector gc = m.getEngine().newGradientCollector()) {
          TokenScores cur = TokenScores.of(policy.model(), m, batches.get(b), false);
          r = loss.compute(cur.logProbs(), f[0], f[1], f[2], f[3]);
          gc.backward(r.loss());
          lossValue = r.loss().getFloat();
        }
        double norm =
            optimizer.step(policy.parameters(), config.learningRate(), config.maxGradNorm());
        updates.add(lossValue, r, norm);
      }
    }
    return new Update(updates, entSum / Math.max(1, tokens));
  }

  /**
   * The rollout batch's rows, in update order, cut into {@code ways} consecutive minibatches whose
   * sizes differ by at most one (the first {@code order.length % ways} one larger).
   */
  static List<int[]> minibatches(int[] order, int ways) {
    if (ways < 1 || ways > order.length) {
      throw new IllegalArgumentException(
          "cannot cut " + order.length + " rollouts into " + ways + " update batches");
    }
    List<int[]> out = new ArrayList<>(ways);
    int base = order.length / ways;
    int larger = order.length % ways;
    int from = 0;
    for (int b = 0; b < ways; b++) {
      int size = base + (b < larger ? 1 : 0);
      out.add(java.util.Arrays.copyOfRange(order, from, from + size));
      from += size;
    }
    return out;
  }

  private static double mean(
      List<RewardScore> s, java.util.function.ToDoubleFunction<RewardScore> f) {
    return s.stream().mapToDouble(f).average().orElse(0);
  }

  private double validate(Policy policy, List<QaExample> valSet, long step, long seed) {
    PolicyEvaluator ev = new PolicyEvaluator(reward, scorer);
    List<QaExample> repeated = new ArrayList<>();
    for (int k = 0; k < config.valSamples(); k++) {
      repeated.addAll(valSet);
    }
    // The same seed at every validation: differences between validations are the policy's.
    Sampling s = new Sampling(config.valTemperature(), config.maxNewTokens());
    Evaluation e = ev.evaluate(policy, repeated, s, 64, seed);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("val_reward", e.reward());
    v.put("val_accuracy", e.accuracy());
    v.put("val_format_rate", e.formatRate());
    v.put("val_box_iou", e.boxIou());
    v.put("val_reward_spatial", e.mean(i -> i.score().spatial()));
    v.put("val_reward_count", e.mean(i -> i.score().count()));
    Metrics m = new Metrics("grpo", "val", step, v);
    listeners.forEach(l -> l.onValidation(m));
    return e.reward();
  }

  private void save(
      Path dir,
      Policy policy,
      Optional<AdamW> optimizer,
      long step,
      DataCursor cursor,
      long seed,
      double best,
      Provenance provenance) {
    Checkpoint.save(
        dir, policy, optimizer, new TrainState("grpo", step, cursor, seed, best, 0), provenance);
    listeners.forEach(l -> l.onCheckpoint(dir, step));
  }
}
