package spatialthinker.train.serve;

/**
 * What a server asks of a model: one answer to one checked request. Called from one thread at a
 * time.
 */
public interface Generator {

  /**
   * One answer.
   *
   * @param request the checked request
   * @param maxTokens new tokens at most (the request's, capped at the server's limit)
   * @throws BadChatRequestException when the request is valid JSON but this model cannot answer it
   *     (an undecodable image, no image for a model that needs one)
   */
  Generation generate(ChatRequest request, int maxTokens);

  /**
   * An answer.
   *
   * @param text the generated text
   * @param promptTokens tokens of the prompt, image positions included
   * @param completionTokens tokens generated
   * @param stopped whether the model ended the answer itself (else it reached the token limit)
   */
  record Generation(String text, int promptTokens, int completionTokens, boolean stopped) {}
}
