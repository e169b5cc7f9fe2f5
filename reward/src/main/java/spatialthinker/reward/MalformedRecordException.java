package spatialthinker.reward;

/** A record that cannot be scored: a ground truth or problem the reward cannot read. */
public class MalformedRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedRecordException(String message) {
    super(message);
  }
}
