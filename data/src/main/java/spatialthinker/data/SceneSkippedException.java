package spatialthinker.data;

/** A scene that yields no questions for a reason worth logging (e.g. a model's bad replies). */
public class SceneSkippedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SceneSkippedException(String message) {
    super(message);
  }
}
