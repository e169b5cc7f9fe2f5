package spatialthinker.clients;

import java.util.Objects;

/**
 * A model's identity for provenance: never an API key.
 *
 * @param provider {@code openai}, {@code anthropic}, or the name of an in-process model kind
 * @param model the model name sent to the server
 * @param endpoint the URL requests go to, without user info or query
 */
public record ModelInfo(String provider, String model, String endpoint) {

  public ModelInfo {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(endpoint, "endpoint");
  }
}
