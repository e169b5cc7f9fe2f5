package spatialthinker.clients;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One request to a chat model.
 *
 * @param messages the conversation, oldest first; not empty
 * @param maxTokens the most tokens to generate
 * @param temperature the sampling temperature; empty leaves the server's default
 * @param extraBody further top-level request fields passed through unchanged (e.g. {@code top_p},
 *     {@code seed}, {@code chat_template_kwargs}); values are JSON-serialisable (strings, numbers,
 *     booleans, lists, maps, Jackson nodes)
 */
public record ChatRequest(
    List<ChatMessage> messages,
    int maxTokens,
    OptionalDouble temperature,
    Map<String, Object> extraBody) {

  public ChatRequest {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(extraBody, "extraBody");
    extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
    }
    if (temperature.isPresent()
        && (!Double.isFinite(temperature.getAsDouble()) || temperature.getAsDouble() < 0)) {
      throw new IllegalArgumentException(
          "temperature must be a finite number >= 0, got " + temperature.getAsDouble());
    }
  }

  /** A single user message of the given parts. */
  public static ChatRequest of(List<ContentPart> parts, int maxTokens, OptionalDouble temperature) {
    return new ChatRequest(List.of(ChatMessage.user(parts)), maxTokens, temperature, Map.of());
  }

  /** This request with other messages (e.g. images re-encoded for a provider). */
  public ChatRequest withMessages(List<ChatMessage> newMessages) {
    return new ChatRequest(newMessages, maxTokens, temperature, extraBody);
  }
}
