package spatialthinker.scenes;

/** A scene record that cannot be read: the message names the input, the field and the problem. */
public class MalformedSceneException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedSceneException(String message) {
    super(message);
  }

  public MalformedSceneException(String message, Throwable cause) {
    super(message, cause);
  }
}
