package spatialthinker.clients;

/**
 * A chat model that answers a conversation of text and images: a remote server (OpenAI-compatible,
 * Anthropic) or a model running in this process. The evaluation runner and data validation talk to
 * every model through this seam.
 *
 * <p>Implementations are thread-safe: the runner calls {@link #chat} from many threads at once. A
 * call either returns a response with non-empty text or throws: {@link RetriableModelException} for
 * a failure worth retrying (rate limit, overload, timeout, a broken or empty reply), {@link
 * ModelRequestException} for one that is not (bad request, authentication, retries exhausted).
 */
public interface ChatModel extends AutoCloseable {

  /** Sends one request and waits for the whole reply. */
  ChatResponse chat(ChatRequest request);

  /** What this model is, for provenance; holds no secrets. */
  ModelInfo info();

  /**
   * The image as this model will receive it, re-encoded or scaled down to its provider's limits
   * where needed. Callers that state an image's size in the prompt (the SpatialThinker template
   * does) must state the size of the prepared image. The default sends images unchanged.
   */
  default ImagePart prepareImage(ImagePart image) {
    return image;
  }

  /** Releases connections or model memory; the default holds none. */
  @Override
  default void close() {}
}
