package spatialthinker.train.data;

/** A data file that cannot be read as the QA data set; the message names the file and field. */
public final class MalformedDataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedDataException(String message) {
    super(message);
  }

  public MalformedDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
