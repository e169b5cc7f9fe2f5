package spatialthinker.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spatialthinker.clients.loopback.LoopbackChatServer;
import spatialthinker.clients.loopback.LoopbackChatServer.Reply;

/** Every kind of transient failure is retried until it clears, or recorded as a failure. */
class RetryFaultInjectionIT {

  private static final RetrySettings FAST =
      new RetrySettings(4, Duration.ofMillis(10), Duration.ofMillis(50), 0.25);
  private static final ChatRequest HELLO =
      ChatRequest.of(List.of(new TextPart("hello")), 16, OptionalDouble.of(0));

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(
            "429", (Supplier<Reply>) () -> new Reply.Status(429, "slow down", Optional.of("0"))),
        Arguments.of(
            "500", (Supplier<Reply>) () -> new Reply.Status(500, "oops", Optional.empty())),
        Arguments.of("503", (Supplier<Reply>) () -> new Reply.Status(503, "", Optional.empty())),
        Arguments.of(
            "529", (Supplier<Reply>) () -> new Reply.Status(529, "overloaded", Optional.empty())),
        Arguments.of(
            "timeout",
            (Supplier<Reply>)
                () -> new Reply.Stall(Duration.ofMillis(1500), new Reply.Answer("late"))),
        Arguments.of(
            "truncated JSON",
            (Supplier<Reply>)
                () -> new Reply.Raw(200, "{\"choices\": [{\"message\": {\"content\": \"(B")),
        Arguments.of(
            "not JSON", (Supplier<Reply>) () -> new Reply.Raw(200, "<html>gateway</html>")),
        Arguments.of("empty body", (Supplier<Reply>) () -> new Reply.Raw(200, "")),
        Arguments.of("empty content", (Supplier<Reply>) Reply.EmptyContent::new),
        Arguments.of(
            "no choices", (Supplier<Reply>) () -> new Reply.Raw(200, "{\"choices\": []}")));
  }

  private static RetryingChatModel model(LoopbackChatServer server, RetrySettings settings) {
    return new RetryingChatModel(
        new OpenAiChatModel(
            new OpenAiChatModel.Config(
                server.baseUrl(), "m", Optional.empty(), Duration.ofMillis(500))),
        settings);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void transientFaultIsRetriedUntilItClears(String name, Supplier<Reply> fault) {
    AtomicInteger calls = new AtomicInteger();
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> calls.incrementAndGet() <= 2 ? fault.get() : new Reply.Answer("(B) right"),
            Duration.ZERO,
            false)) {
      ChatResponse resp = model(server, FAST).chat(HELLO);
      assertThat(resp.text()).isEqualTo("(B) right");
      assertThat(resp.attempts()).isEqualTo(3);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void persistentFaultIsAFailureNamingTheAttempts(String name, Supplier<Reply> fault) {
    try (LoopbackChatServer server =
        LoopbackChatServer.start(r -> fault.get(), Duration.ZERO, false)) {
      assertThatThrownBy(() -> model(server, FAST).chat(HELLO))
          .isInstanceOf(ModelRequestException.class)
          .hasMessageStartingWith("gave up after 4 attempts")
          .hasCauseInstanceOf(RetriableModelException.class);
      assertThat(server.requestCount()).isEqualTo(4);
    }
  }

  @Test
  void badRequestIsNotRetried() {
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> new Reply.Status(400, "{\"error\": \"no such model\"}", Optional.empty()),
            Duration.ZERO,
            false)) {
      assertThatThrownBy(() -> model(server, FAST).chat(HELLO))
          .isInstanceOf(ModelRequestException.class)
          .hasMessageContaining("HTTP 400")
          .hasMessageContaining("no such model");
      assertThat(server.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void retryAfterIsHonouredWithinTheCap() {
    AtomicInteger calls = new AtomicInteger();
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r ->
                calls.incrementAndGet() == 1
                    ? new Reply.Status(429, "", Optional.of("0.3"))
                    : new Reply.Answer("ok"),
            Duration.ZERO,
            false)) {
      RetrySettings s = new RetrySettings(3, Duration.ofMillis(1), Duration.ofSeconds(5), 0);
      long start = System.nanoTime();
      model(server, s).chat(HELLO);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }
  }

  @Test
  void refusedConnectionIsRetriedThenFails() {
    LoopbackChatServer server =
        LoopbackChatServer.start(r -> new Reply.Answer("x"), Duration.ZERO, false);
    java.net.URI gone = server.baseUrl();
    server.close();
    RetryingChatModel m =
        new RetryingChatModel(
            new OpenAiChatModel(
                new OpenAiChatModel.Config(gone, "m", Optional.empty(), Duration.ofSeconds(2))),
            new RetrySettings(2, Duration.ofMillis(5), Duration.ofMillis(5), 0));
    assertThatThrownBy(() -> m.chat(HELLO))
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("gave up after 2 attempts");
  }
}
