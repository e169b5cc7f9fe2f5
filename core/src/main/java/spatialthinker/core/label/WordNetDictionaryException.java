package spatialthinker.core.label;

/** The WordNet dictionary could not be loaded from the classpath or could not be read. */
public final class WordNetDictionaryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error with a message naming the resource or word and the underlying cause. */
  public WordNetDictionaryException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error with a message naming the resource or word. */
  public WordNetDictionaryException(String message) {
    super(message);
  }
}
