package spatialthinker.train.metrics;

/** Stops a run whose loss or gradient norm is no longer finite. */
public final class NanGuard implements TrainListener {

  @Override
  public void onStep(Metrics m) {
    for (String key : new String[] {"loss", "grad_norm"}) {
      double v = m.get(key);
      if (m.values().containsKey(key) && !Double.isFinite(v)) {
        throw new TrainingDivergedException(
            m.phase()
                + " step "
                + m.step()
                + ": "
                + key
                + " is "
                + v
                + "; lower the learning rate");
      }
    }
  }
}
