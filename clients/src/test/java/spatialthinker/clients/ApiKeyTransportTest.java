package spatialthinker.clients;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A key travels only over https, or over plain http to this machine's loopback. */
class ApiKeyTransportTest {

  private static final ApiKey KEY = ApiKey.fromEnv("TEST_KEY", "sk-secret").orElseThrow();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://example.com",
        "http://10.0.0.5:8000/v1",
        "http://127.0.0.1.example.com",
        "http://localhost.evil.org",
        "ftp://127.0.0.1"
      })
  void anthropicRefusesToSendTheKeyWithoutHttps(String url) {
    AnthropicChatModel.Config c =
        new AnthropicChatModel.Config(
            URI.create(url), "claude", KEY, Duration.ofSeconds(5), ImageLimits.ANTHROPIC);

    assertThatThrownBy(() -> new AnthropicChatModel(c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing to send the API key from $TEST_KEY")
        .hasMessageNotContaining("sk-secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://api.example.com/v1", "http://192.168.1.2:8000"})
  void openAiRefusesToSendAKeyWithoutHttps(String url) {
    OpenAiChatModel.Config c =
        new OpenAiChatModel.Config(URI.create(url), "m", Optional.of(KEY), Duration.ofSeconds(5));

    assertThatThrownBy(() -> new OpenAiChatModel(c))
        .hasMessageContaining("refusing to send the API key");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.anthropic.com",
        "http://127.0.0.1:8080",
        "http://127.3.4.5",
        "http://localhost:9000/v1",
        "http://[::1]:8000"
      })
  void httpsAndLoopbackAreFine(String url) {
    assertThatCode(
            () ->
                new AnthropicChatModel(
                    new AnthropicChatModel.Config(
                        URI.create(url), "c", KEY, Duration.ofSeconds(5), ImageLimits.ANTHROPIC)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://example.com", "http://10.1.1.1:8000/v1"})
  void withoutAKeyPlainHttpIsFine(String url) {
    assertThatCode(
            () ->
                new OpenAiChatModel(
                    new OpenAiChatModel.Config(
                        URI.create(url), "m", Optional.empty(), Duration.ofSeconds(5))))
        .doesNotThrowAnyException();
  }
}
