package spatialthinker.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;
import spatialthinker.clients.AnthropicChatModel;
import spatialthinker.clients.ApiKey;
import spatialthinker.clients.ChatModel;
import spatialthinker.clients.ImageLimits;
import spatialthinker.clients.OpenAiChatModel;
import spatialthinker.clients.RetrySettings;
import spatialthinker.clients.RetryingChatModel;

/** How to reach a chat model; keys come only from the environment. */
final class ModelOptions {

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "server base URL, e.g. http://localhost:8000/v1 or https://api.anthropic.com")
  String endpoint;

  @Option(names = "--model", paramLabel = "M", description = "model name")
  String model;

  @Option(
      names = "--provider",
      paramLabel = "openai|anthropic",
      description = "wire format (default: ${DEFAULT-VALUE})")
  String provider = "openai";

  @Option(
      names = "--api-key-env",
      paramLabel = "VAR",
      description =
          "environment variable holding the API key (default: OPENAI_API_KEY or ANTHROPIC_API_KEY)")
  String apiKeyEnv;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "time limit of one request (default: ${DEFAULT-VALUE})")
  int timeoutSeconds = 120;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      description =
          "attempts per request on rate limits, timeouts, server errors (default: ${DEFAULT-VALUE})")
  int maxAttempts = 6;

  /** A retrying client for the configured server. */
  ChatModel create() {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException("--endpoint is required");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("--model is required");
    }
    URI uri;
    try {
      uri = URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--endpoint '" + endpoint + "' is not a URL");
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    RetrySettings retry =
        new RetrySettings(maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(30), 0.25);
    ChatModel base =
        switch (provider) {
          case "openai" ->
              new OpenAiChatModel(
                  new OpenAiChatModel.Config(
                      uri, model, ApiKey.fromEnv(envVar("OPENAI_API_KEY")), timeout));
          case "anthropic" -> {
            String var = envVar("ANTHROPIC_API_KEY");
            Optional<ApiKey> key = ApiKey.fromEnv(var);
            if (key.isEmpty()) {
              throw new IllegalArgumentException("--provider anthropic needs the key in $" + var);
            }
            yield new AnthropicChatModel(
                new AnthropicChatModel.Config(
                    uri, model, key.get(), timeout, ImageLimits.ANTHROPIC));
          }
          default ->
              throw new IllegalArgumentException(
                  "--provider must be openai or anthropic, got '" + provider + "'");
        };
    return new RetryingChatModel(base, retry);
  }

  private String envVar(String fallback) {
    return apiKeyEnv == null || apiKeyEnv.isBlank() ? fallback : apiKeyEnv;
  }
}
