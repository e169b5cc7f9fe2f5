package spatialthinker.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import spatialthinker.clients.AnthropicChatModel;
import spatialthinker.clients.ApiKey;
import spatialthinker.clients.ChatModel;
import spatialthinker.clients.ImageLimits;
import spatialthinker.clients.OpenAiChatModel;
import spatialthinker.clients.RetrySettings;

/** The options that choose and reach a chat model. */
final class ModelOptions {

  /** Request fields the command itself sets; an extra body may not replace them. */
  static final java.util.List<String> RESERVED_BODY_FIELDS =
      java.util.List.of("messages", "model", "system");

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "server base URL, e.g. http://localhost:8000/v1 or https://api.anthropic.com")
  String endpoint;

  @Option(names = "--model", paramLabel = "M", description = "model name")
  String model;

  @Option(
      names = "--checkpoint",
      paramLabel = "DIR",
      description =
          "a trained policy (checkpoint or training run directory) answering in this process,"
              + " instead of a server at --endpoint")
  java.nio.file.Path checkpoint;

  @Option(
      names = "--provider",
      paramLabel = "openai|anthropic",
      description = "wire format: openai (OpenAI-compatible, default) or anthropic")
  String provider = "openai";

  @Option(
      names = "--api-key-env",
      paramLabel = "VAR",
      description = {
        "environment variable holding the API key (only its name is recorded);",
        "default ANTHROPIC_API_KEY for anthropic, OPENAI_API_KEY for api.openai.com, none else"
      })
  String apiKeyEnv;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "time one request may take (default 600)")
  long timeoutSeconds = 600;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      description = "attempts per request, retries on 429/5xx/timeouts/broken replies (default 6)")
  int maxAttempts = 6;

  @Option(names = "--max-tokens", paramLabel = "N", description = "most tokens per reply (2048)")
  int maxTokens = 2048;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      description =
          "sampling temperature (default 0: greedy); 'server' leaves the server's default")
  String temperature = "0";

  @Option(
      names = "--extra-body",
      paramLabel = "JSON",
      description = "JSON object of request fields passed through, e.g. '{\"top_p\": 0.9}'")
  String extraBody;

  /** The key variable in force, if any. */
  Optional<String> keyEnv() {
    if (checkpoint != null) {
      return Optional.empty();
    }
    if (apiKeyEnv != null) {
      return Optional.of(apiKeyEnv);
    }
    if (providerName().equals("anthropic")) {
      return Optional.of("ANTHROPIC_API_KEY");
    }
    String host = URI.create(endpoint).getHost();
    return host != null && host.endsWith("api.openai.com")
        ? Optional.of("OPENAI_API_KEY")
        : Optional.empty();
  }

  private String providerName() {
    String p = provider.strip().toLowerCase(Locale.ROOT);
    if (!p.equals("openai") && !p.equals("anthropic")) {
      throw new IllegalArgumentException(
          "--provider '" + provider + "' is not openai or anthropic");
    }
    return p;
  }

  ChatModel create() {
    // Not picocli-required: commands that only sometimes talk to a model (data synth) share these.
    if (checkpoint != null) {
      if (endpoint != null) {
        throw new IllegalArgumentException("--checkpoint and --endpoint exclude each other");
      }
      return spatialthinker.train.serve.PolicyChatModel.load(
          checkpoint, model == null || model.isBlank() ? "spatialthinker-policy" : model);
    }
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
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "--endpoint '" + endpoint + "' needs http:// or https:// and a host");
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout must be >= 1 second");
    }
    Optional<ApiKey> key =
        keyEnv()
            .map(
                v ->
                    ApiKey.fromEnv(v)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "environment variable " + v + " is not set")));
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    return switch (providerName()) {
      case "anthropic" ->
          new AnthropicChatModel(
              new AnthropicChatModel.Config(
                  uri, model, key.orElseThrow(), timeout, ImageLimits.ANTHROPIC));
      default -> new OpenAiChatModel(new OpenAiChatModel.Config(uri, model, key, timeout));
    };
  }

  RetrySettings retry() {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("--max-attempts must be >= 1");
    }
    return new RetrySettings(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.25);
  }

  java.util.OptionalDouble temperature() {
    if (temperature.equalsIgnoreCase("server")) {
      return java.util.OptionalDouble.empty();
    }
    try {
      return java.util.OptionalDouble.of(Double.parseDouble(temperature));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--temperature '" + temperature + "' is not a number or 'server'");
    }
  }

  Map<String, Object> extraBody() {
    if (extraBody == null || extraBody.isBlank()) {
      return Map.of();
    }
    Map<String, Object> fields;
    try {
      fields = new ObjectMapper().readValue(extraBody, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalArgumentException("--extra-body is not a JSON object: " + extraBody);
    }
    for (String reserved : RESERVED_BODY_FIELDS) {
      if (fields.containsKey(reserved)) {
        throw new IllegalArgumentException(
            "--extra-body cannot set '"
                + reserved
                + "': it would replace the "
                + (reserved.equals("model") ? "--model" : "prompt")
                + " that run.json records");
      }
    }
    return fields;
  }
}
