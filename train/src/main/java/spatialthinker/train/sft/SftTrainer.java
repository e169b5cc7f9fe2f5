package spatialthinker.train.sft;

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
import spatialthinker.core.provenance.Provenance;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.ckpt.TrainState;
import spatialthinker.train.data.DataCursor;
import spatialthinker.train.data.QaExample;
import spatialthinker.train.metrics.Metrics;
import spatialthinker.train.metrics.TrainListener;
import spatialthinker.train.model.GradMode;
import spatialthinker.train.model.ModelConfig;
import spatialthinker.train.model.Policy;
import spatialthinker.train.model.SequenceBatch;
import spatialthinker.train.model.TokenScores;
import spatialthinker.train.model.VisionTargets;
import spatialthinker.train.optim.AdamW;

/**
 * Supervised fine-tuning by teacher forcing on teacher responses: the loss is the mean negative
 * log-likelihood of the response tokens (prompt and image are context only). Validation loss is
 * measured every {@code evalEvery} steps; the best checkpoint is kept in {@code best/}, the latest
 * in {@code last/}, and training stops after {@code patience} validations without improvement.
 */
public final class SftTrainer {

  /** The outcome of a run. */
  public record Result(
      double initialValLoss, double bestValLoss, long steps, boolean stoppedEarly) {}

  private final SftConfig config;
  private final List<TrainListener> listeners;

  public SftTrainer(SftConfig config, List<TrainListener> listeners) {
    this.config = config;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Trains {@code policy} from {@code start} (step 0, or a resumed checkpoint's state).
   *
   * @param optimizer the optimiser, already restored when resuming
   */
  public Result train(
      Policy policy,
      AdamW optimizer,
      List<QaExample> train,
      List<QaExample> val,
      Path out,
      TrainState start,
      Provenance provenance) {
    policy.parameters().requireGradients();
    long seed = start.seed();
    DataCursor cursor = start.cursor();
    double best = start.best();
    int patience = start.patienceLeft();
    double initial = Double.NaN;
    long step = start.step();
    if (step == 0) {
      initial = validationLoss(policy, val, config.batchSize());
      best = initial;
      emitValidation(step, initial, true);
      save(out.resolve("best"), policy, optimizer, step, cursor, seed, best, patience, provenance);
    }
    boolean early = false;
    int warmup = Math.max(1, config.maxSteps() / 20);
    while (step < config.maxSteps()) {
      DataCursor.Next next = cursor.next(config.batchSize(), train.size(), seed);
      List<QaExample> batch = new ArrayList<>();
      for (int i : next.indices()) {
        batch.add(train.get(i));
      }
      double lr = config.learningRate() * Math.min(1.0, (step + 1) / (double) warmup);
      long t0 = System.nanoTime();
      double[] lossAndTokens = step(policy, optimizer, batch, lr);
      double seconds = (System.nanoTime() - t0) / 1e9;
      step++;
      cursor = next.cursor();
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("loss", lossAndTokens[0]);
      v.put("grad_norm", lossAndTokens[1]);
      if (!Double.isNaN(lossAndTokens[3])) {
        v.put("vision_aux_loss", lossAndTokens[3]);
      }
      v.put("lr", lr);
      v.put("step_time_s", seconds);
      v.put("tokens_per_s", lossAndTokens[2] / seconds);
      Metrics m = new Metrics("sft", "train", step, v);
      listeners.forEach(l -> l.onStep(m));
      if (step % config.evalEvery() == 0 || step == config.maxSteps()) {
        double loss = validationLoss(policy, val, config.batchSize());
        boolean improved = loss < best;
        if (improved) {
          best = loss;
          patience = config.patience();
          save(
              out.resolve("best"),
              policy,
              optimizer,
              step,
              cursor,
              seed,
              best,
              patience,
              provenance);
        } else {
          patience--;
        }
        emitValidation(step, loss, improved);
        save(
            out.resolve("last"), policy, optimizer, step, cursor, seed, best, patience, provenance);
        if (patience <= 0) {
          early = true;
          break;
        }
      }
    }
    return new Result(initial, best, step, early);
  }

  private void emitValidation(long step, double loss, boolean improved) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("val_loss", loss);
    v.put("improved", improved);
    Metrics m = new Metrics("sft", "val", step, v);
    listeners.forEach(l -> l.onValidation(m));
  }

  private void save(
      Path dir,
      Policy policy,
      AdamW optimizer,
      long step,
      DataCursor cursor,
      long seed,
      double best,
      int patience,
      Provenance provenance) {
    Checkpoint.save(
        dir,
        policy,
        Optional.of(optimizer),
        new TrainState("sft", step, cursor, seed, best, patience),
        provenance);
    listeners.forEach(l -> l.onCheckpoint(dir, step));
  }

  /** One teacher-forced update; returns {loss, grad norm, tokens processed}. */
  private double[] step(Policy policy, AdamW optimizer, List<QaExample> batch, double lr) {
    SequenceBatch sb = batchOf(policy, batch);
    double loss;
    double aux = Double.NaN;
    double auxWeight = policy.config().visionAux();
    try (NDManager m = policy.parameters().manager().newSubManager()) {
      try (GradientCollector gc = m.getEngine().newGradientCollector()) {
        NDArray visual = policy.model().encodeImage(sb.patches(m));
        TokenScores s = TokenScores.of(policy.model(), m, sb, false, visual);
        NDArray mask = sb.responseMask(m);
        NDArray l = s.logProbs().mul(mask).sum().neg().div(mask.sum());
        loss = l.getFloat();
        if (auxWeight > 0) {
          NDArray a = visionAux(policy, m, batch, visual);
          aux = a.getFloat();
          l = l.add(a.mul(auxWeight));
        }
        gc.backward(l);
      }
    }
    double norm = optimizer.step(policy.parameters(), lr, config.maxGradNorm());
    long tokens =
        (long) sb.rows() * (policy.config().patches() + sb.promptLength() + sb.responseLength());
    return new double[] {loss, norm, tokens, aux};
  }

  private static NDArray visionAux(
      Policy policy, NDManager m, List<QaExample> batch, NDArray visual) {
    ModelConfig c = policy.config();
    int b = batch.size();
    int p = c.patches();
    float[] label = new float[b * p * VisionTargets.BUCKETS];
    float[] box = new float[b * p * 4];
    float[] mask = new float[b * p];
    for (int i = 0; i < b; i++) {
      VisionTargets t = VisionTargets.of(batch.get(i).groundTruth(), batch.get(i).problem(), c);
      System.arraycopy(t.label(), 0, label, i * p * VisionTargets.BUCKETS, t.label().length);
      System.arraycopy(t.box(), 0, box, i * p * 4, t.box().length);
      System.arraycopy(t.mask(), 0, mask, i * p, t.mask().length);
    }
    return policy
        .model()
        .visionAuxLoss(
            visual,
            m.create(label, new Shape(b, p, VisionTargets.BUCKETS)),
            m.create(box, new Shape(b, p, 4)),
            m.create(mask, new Shape(b, p)));
  }

  /** Mean response-token negative log-likelihood over {@code val} (teacher responses). */
  public static double validationLoss(Policy policy, List<QaExample> val, int batchSize) {
    GradMode.off();
    double sum = 0;
    double tokens = 0;
    for (int from = 0; from < val.size(); from += batchSize) {
      SequenceBatch sb = batchOf(policy, val.subList(from, Math.min(val.size(), from + batchSize)));
      try (NDManager m = policy.parameters().manager().newSubManager()) {
        TokenScores s = TokenScores.of(policy.model(), m, sb, false);
        NDArray mask = sb.responseMask(m);
        sum -= s.logProbs().mul(mask).sum().getFloat();
        tokens += mask.sum().getFloat();
      }
    }
    return sum / Math.max(1, tokens);
  }

  static SequenceBatch batchOf(Policy policy, List<QaExample> rows) {
    List<float[]> patches = new ArrayList<>();
    List<int[]> prompts = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    for (QaExample e : rows) {
      patches.add(policy.patches(e.image()));
      prompts.add(policy.promptTokens(e.problem()));
      targets.add(
          policy.responseTokens(
              e.teacherResponse()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "row " + e.imageId() + " has no teacher_response"))));
    }
    return SequenceBatch.of(policy.config(), patches, prompts, targets, policy.tokenizer().padId());
  }
}
