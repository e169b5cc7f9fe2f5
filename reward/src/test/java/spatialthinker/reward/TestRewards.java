package spatialthinker.reward;

import spatialthinker.core.parse.ParseLimits;

/** Small rewards for exercising the service. */
public final class TestRewards {

  private TestRewards() {}

  public static final SparseReward SPARSE = new SparseReward(ParseLimits.DEFAULT);

  /**
   * The sparse reward, but like the dense one it refuses a problem without {@code Image size: (W x
   * H)}.
   */
  public static final class SizeCheckingSparse implements Reward {
    @Override
    public RewardScore score(RewardInput input) {
      if (!input.problem().contains("Image size: (")) {
        throw new MalformedRecordException("problem: no 'Image size: (W x H)'");
      }
      return SPARSE.score(input);
    }

    @Override
    public String name() {
      return "sparse";
    }
  }

  /** Scores a response {@code "0.25"} as 0.25 overall, so a test can see which record is where. */
  public static final class Echo implements Reward {
    @Override
    public RewardScore score(RewardInput input) {
      double v = Double.parseDouble(input.response());
      return new RewardScore(v, 1.0, v, 0.0, 1.0 - v);
    }

    @Override
    public String name() {
      return "echo";
    }
  }
}
