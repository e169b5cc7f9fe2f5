package spatialthinker.clients;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RetryingChatModel} retries: up to {@code maxAttempts} attempts, waiting an
 * exponentially growing delay from {@code initialDelay} to {@code maxDelay} (or what the server's
 * {@code Retry-After} asks, capped by {@code maxDelay}), each delay varied by ± {@code jitter} of
 * itself so that many clients do not retry in step.
 */
public record RetrySettings(
    int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter) {

  /** 6 attempts, 1 s doubling to 60 s, ±25 % jitter. */
  public static final RetrySettings DEFAULT =
      new RetrySettings(6, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.25);

  /** One attempt, no retries. */
  public static final RetrySettings NONE =
      new RetrySettings(1, Duration.ofMillis(1), Duration.ofMillis(1), 0);

  public RetrySettings {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (initialDelay.isNegative()
        || initialDelay.isZero()
        || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "retry delays need 0 < initialDelay <= maxDelay, got " + initialDelay + ", " + maxDelay);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
    }
  }
}
