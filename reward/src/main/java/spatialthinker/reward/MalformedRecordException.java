package spatialthinker.reward;

import java.util.OptionalInt;

/** A record that cannot be scored: a ground truth or problem the reward cannot read. */
public class MalformedRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int index;

  public MalformedRecordException(String message) {
    this(message, -1);
  }

  /** A failure of the record at a 0-based position in a batch. */
  public MalformedRecordException(String message, int index) {
    super(message);
    this.index = index;
  }

  /** The 0-based position of the record in its batch, when known. */
  public OptionalInt index() {
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /** The bare message, without a position prefix. */
  public String reason() {
    return getMessage();
  }
}
