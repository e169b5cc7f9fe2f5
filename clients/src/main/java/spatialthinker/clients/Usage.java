package spatialthinker.clients;

/** Token counts a server reports for one request. */
public record Usage(long promptTokens, long completionTokens) {

  public Usage {
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must be >= 0, got " + promptTokens + " and " + completionTokens);
    }
  }
}
