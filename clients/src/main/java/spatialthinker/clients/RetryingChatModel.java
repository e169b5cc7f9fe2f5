package spatialthinker.clients;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat model that retries another on {@link RetriableModelException} with exponential backoff and
 * jitter (Failsafe). When every attempt fails it throws {@link ModelRequestException} naming the
 * number of attempts and the last failure; other exceptions pass through at once.
 */
public final class RetryingChatModel implements ChatModel {

  // Failsafe falls back to the backoff when the delay function returns a negative duration.
  private static final Duration NO_OVERRIDE = Duration.ofMillis(-1);

  private final ChatModel delegate;
  private final RetrySettings settings;
  private final RetryPolicy<ChatResponse> policy;

  /** Wraps {@code delegate} with the given retries. */
  public RetryingChatModel(ChatModel delegate, RetrySettings settings) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.settings = Objects.requireNonNull(settings, "settings");
    RetryPolicyBuilder<ChatResponse> b =
        RetryPolicy.<ChatResponse>builder()
            .handle(RetriableModelException.class)
            .withMaxAttempts(settings.maxAttempts());
    if (settings.maxAttempts() > 1) {
      if (settings.initialDelay().equals(settings.maxDelay())) {
        b.withDelay(settings.initialDelay());
      } else {
        b.withBackoff(settings.initialDelay(), settings.maxDelay());
      }
      if (settings.jitter() > 0) {
        b.withJitter(settings.jitter());
      }
      // A server's Retry-After wins over the backoff, within the same cap.
      b.withDelayFnOn(
          ctx -> {
            if (ctx.getLastException() instanceof RetriableModelException r
                && r.retryAfter().isPresent()) {
              Duration d = r.retryAfter().get();
              return d.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : d;
            }
            return NO_OVERRIDE;
          },
          RetriableModelException.class);
    }
    this.policy = b.build();
  }

  /** The retry settings in force. */
  public RetrySettings settings() {
    return settings;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    AtomicInteger attempts = new AtomicInteger();
    try {
      ChatResponse r =
          Failsafe.with(policy)
              .get(
                  () -> {
                    attempts.incrementAndGet();
                    return delegate.chat(request);
                  });
      return r.withAttempts(attempts.get());
    } catch (RetriableModelException e) {
      throw new ModelRequestException(
          "gave up after " + attempts.get() + " attempts: " + e.getMessage(),
          e.status(),
          e,
          attempts.get());
    } catch (ModelRequestException e) {
      if (e.attempts() >= attempts.get()) {
        throw e;
      }
      throw new ModelRequestException(e.getMessage(), e.status(), e.getCause(), attempts.get());
    } catch (FailsafeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new ModelRequestException(
          "request interrupted after " + attempts.get() + " attempts: " + cause,
          java.util.OptionalInt.empty(),
          cause);
    }
  }

  @Override
  public ModelInfo info() {
    return delegate.info();
  }

  @Override
  public ImagePart prepareImage(ImagePart image) {
    return delegate.prepareImage(image);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
