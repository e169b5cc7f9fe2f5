package spatialthinker.data;

/**
 * A scene whose questions could not be written this time for a reason that may pass (the model
 * server failing after its retries); a later run asks again.
 */
public class SceneFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SceneFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
