package spatialthinker.reward;

/**
 * A reward function over model responses. Implementations are thread-safe and never throw on any
 * response string; a malformed ground truth or problem raises {@link MalformedRecordException}.
 */
public interface Reward {

  /** Scores one record. */
  RewardScore score(RewardInput input);

  /** The preset name, e.g. {@code dense} or {@code sparse}. */
  String name();
}
