package spatialthinker.eval.load;

/**
 * Benchmark data that cannot be read as its benchmark needs: a missing file, missing or mistyped
 * columns, an answer that names no option. The message is one line naming the file, column or row.
 */
public class BenchmarkDataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A data problem, described in one line. */
  public BenchmarkDataException(String message) {
    super(message);
  }

  /** A data problem with the underlying error. */
  public BenchmarkDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
