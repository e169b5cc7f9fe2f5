package spatialthinker.train.model;

/**
 * How to choose tokens.
 *
 * @param temperature 0 for greedy (argmax), else the softmax temperature
 * @param maxNewTokens the most tokens to generate per row
 */
public record Sampling(double temperature, int maxNewTokens) {

  public Sampling {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }
  }

  /** Greedy decoding of up to {@code maxNewTokens}. */
  public static Sampling greedy(int maxNewTokens) {
    return new Sampling(0, maxNewTokens);
  }

  public boolean isGreedy() {
    return temperature == 0;
  }
}
