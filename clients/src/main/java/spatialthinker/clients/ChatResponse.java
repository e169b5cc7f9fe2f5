package spatialthinker.clients;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's reply.
 *
 * @param text the generated text, never blank
 * @param finishReason why generation stopped as the server says it ({@code stop}, {@code length},
 *     {@code end_turn}, {@code max_tokens}), or {@code unknown}
 * @param usage token counts, when the server reports them
 * @param latency wall time of the attempt that succeeded
 * @param attempts how many attempts it took (1 without retries)
 */
public record ChatResponse(
    String text, String finishReason, Optional<Usage> usage, Duration latency, int attempts) {

  public ChatResponse {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(latency, "latency");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a chat response needs non-blank text");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
    }
  }

  /** This response with another attempt count. */
  public ChatResponse withAttempts(int n) {
    return new ChatResponse(text, finishReason, usage, latency, n);
  }
}
