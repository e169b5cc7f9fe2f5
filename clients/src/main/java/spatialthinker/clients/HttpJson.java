package spatialthinker.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * POSTs JSON and reads JSON back over the JDK HttpClient, turning every way a call can fail into
 * {@link RetriableModelException} or {@link ModelRequestException} with a one-line message naming
 * the endpoint (never a header value).
 */
final class HttpJson {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final int BODY_EXCERPT = 300;

  private final HttpClient client;
  private final URI uri;
  private final Duration timeout;

  HttpJson(URI uri, Duration timeout) {
    this.uri = uri;
    this.timeout = timeout;
    // HTTP/1.1 for plain http: local servers (vLLM, Ollama) need no h2c upgrade attempt.
    this.client =
        HttpClient.newBuilder()
            .version(
                "https".equalsIgnoreCase(uri.getScheme())
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  URI uri() {
    return uri;
  }

  /** POSTs a JSON body with the given headers and returns the parsed JSON reply. */
  JsonNode post(Object body, Map<String, String> headers) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new ModelRequestException("cannot encode the request for " + uri + ": " + e);
    }
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    headers.forEach(rb::header);
    HttpResponse<byte[]> resp;
    try {
      resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new RetriableModelException(
          "no reply from " + uri + " within " + timeout.toSeconds() + " s",
          OptionalInt.empty(),
          Optional.empty(),
          e);
    } catch (ConnectException e) {
      throw new RetriableModelException(
          "cannot connect to " + uri + ": " + cause(e), OptionalInt.empty(), Optional.empty(), e);
    } catch (IOException e) {
      throw new RetriableModelException(
          "connection to " + uri + " failed: " + cause(e),
          OptionalInt.empty(),
          Optional.empty(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelRequestException("interrupted while waiting for " + uri);
    }
    int status = resp.statusCode();
    if (status < 200 || status >= 300) {
      String excerpt = excerpt(resp.body());
      String msg = uri + " answered HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
      if (isRetriable(status)) {
        throw new RetriableModelException(msg, OptionalInt.of(status), retryAfter(resp), null);
      }
      throw new ModelRequestException(msg, OptionalInt.of(status), null);
    }
    try {
      JsonNode node = JSON.readTree(resp.body());
      if (node == null || node.isMissingNode() || !node.isObject()) {
        throw new RetriableModelException(uri + " sent an empty or non-object JSON reply");
      }
      return node;
    } catch (IOException e) {
      throw new RetriableModelException(
          uri + " sent a truncated or malformed JSON reply (" + resp.body().length + " bytes)",
          OptionalInt.of(status),
          Optional.empty(),
          e);
    }
  }

  static boolean isRetriable(int status) {
    return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> resp) {
    Optional<String> h = resp.headers().firstValue("retry-after");
    if (h.isEmpty()) {
      return Optional.empty();
    }
    String v = h.get().strip();
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private static String excerpt(byte[] body) {
    String s = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    s = s.replaceAll("\\s+", " ").strip();
    return s.length() <= BODY_EXCERPT ? s : s.substring(0, BODY_EXCERPT) + "…";
  }

  /** The endpoint without user info, query or fragment, for messages and provenance. */
  static String describe(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getPath() == null ? "" : uri.getPath());
  }

  /** The first message along the cause chain, with its exception's name; never "null". */
  static String cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}
