package spatialthinker.scenes;

/** A scene record that cannot be read: the message names the input, the field and the problem. */
public class MalformedSceneException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception whose message names the input, the field and the problem. */
  public MalformedSceneException(String message) {
    super(message);
  }

  /** As {@link #MalformedSceneException(String)}, with the underlying failure. */
  public MalformedSceneException(String message, Throwable cause) {
    super(message, cause);
  }
}
