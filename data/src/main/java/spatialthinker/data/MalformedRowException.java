package spatialthinker.data;

/** A data-set row (JSONL line or parquet row) that cannot be read; the message names the field. */
public class MalformedRowException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedRowException(String message) {
    super(message);
  }
}
