package spatialthinker.train.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The policy server under malformed, oversized, slow and unsupported requests, over real HTTP on
 * loopback, with a stand-in generator (the model is not what is tested here).
 */
class PolicyServerFaultsIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TEXT = "<think>left</think>\n<answer>(A) left of</answer>";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final List<ChatRequest> seen = new CopyOnWriteArrayList<>();
  private static final List<Integer> limits = new CopyOnWriteArrayList<>();
  private static volatile CountDownLatch gate = new CountDownLatch(0);
  private static PolicyServer server;

  @BeforeAll
  static void start() {
    Generator fake =
        (req, maxTokens) -> {
          seen.add(req);
          limits.add(maxTokens);
          try {
            gate.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new Generator.Generation(TEXT, 11, 9, true);
        };
    server =
        PolicyServer.start(
            fake, "st-test", "127.0.0.1", 0, 32, Duration.ofSeconds(1), Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    seen.clear();
    limits.clear();
    gate = new CountDownLatch(0);
  }

  private static String chat(String extra) {
    return "{\"model\":\"st-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Where?\"}]"
        + extra
        + "}";
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode assertError(HttpResponse<String> res, int status) throws IOException {
    return assertError(
        res.statusCode(), res.headers().firstValue("content-type").orElse(""), res.body(), status);
  }

  private static JsonNode assertError(int got, String type, String body, int status)
      throws IOException {
    assertThat(got).as(body).isEqualTo(status);
    assertThat(type).startsWith("application/json");
    JsonNode error = MAPPER.readTree(body).path("error");
    assertThat(error.path("message").isTextual()).as(body).isTrue();
    assertThat(error.path("type").isTextual()).as(body).isTrue();
    assertThat(error.path("code").asInt()).isEqualTo(status);
    assertThat(body).doesNotContain("<html", "StreamReadConstraints", "Exception", "Jackson");
    return error;
  }

  @Test
  void malformedJsonIs400NotA500() throws Exception {
    JsonNode e = assertError(post("/v1/chat/completions", "{bad"), 400);
    assertThat(e.path("message").asText()).startsWith("body: ");

    assertError(post("/v1/chat/completions", "[".repeat(100) + "]".repeat(100)), 400);
    JsonNode nan = assertError(post("/v1/chat/completions", "{\"messages\": NaN}"), 400);
    assertThat(nan.path("message").asText()).startsWith("body: ");
    assertError(post("/v1/chat/completions", chat("") + " trailing"), 400);
    assertError(post("/v1/chat/completions", ""), 400);
    assertThat(seen).isEmpty();
  }

  @Test
  void badFieldsAre400NamingTheField() throws Exception {
    JsonNode e = assertError(post("/v1/chat/completions", chat(",\"max_tokens\":\"lots\"")), 400);
    assertThat(e.path("param").asText()).isEqualTo("max_tokens");
    assertThat(e.path("type").asText()).isEqualTo("invalid_request_error");
    JsonNode t = assertError(post("/v1/chat/completions", chat(",\"temperature\":\"hot\"")), 400);
    assertThat(t.path("message").asText()).startsWith("temperature: expected a number");
    assertThat(seen).isEmpty();
  }

  @Test
  void anotherModelIs404NamingTheModelServed() throws Exception {
    JsonNode e =
        assertError(
            post(
                "/v1/chat/completions",
                "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
            404);
    assertThat(e.path("message").asText()).contains("'gpt-9'", "'st-test'");
  }

  @Test
  void answersInOpenAiShapeAndCapsMaxTokensAtTheServersLimit() throws Exception {
    HttpResponse<String> res = post("/v1/chat/completions", chat(",\"max_tokens\":1000"));

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode json = MAPPER.readTree(res.body());
    assertThat(json.path("object").asText()).isEqualTo("chat.completion");
    assertThat(json.at("/choices/0/message/content").asText()).isEqualTo(TEXT);
    assertThat(json.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(json.at("/usage/total_tokens").asInt()).isEqualTo(20);
    assertThat(limits).containsExactly(32);
  }

  @Test
  void stopSequencesCutTheAnswer() throws Exception {
    HttpResponse<String> res = post("/v1/chat/completions", chat(",\"stop\":[\"<answer>\"]"));

    JsonNode json = MAPPER.readTree(res.body());
    assertThat(json.at("/choices/0/message/content").asText()).isEqualTo("<think>left</think>\n");
    assertThat(json.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void streamsServerSentEventsEndingInDone() throws Exception {
    HttpResponse<String> res =
        post(
            "/v1/chat/completions",
            chat(",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<String> data = new ArrayList<>();
    for (String event : res.body().split("\n\n")) {
      assertThat(event).startsWith("data: ");
      data.add(event.substring(6));
    }
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    StringBuilder content = new StringBuilder();
    String finish = null;
    JsonNode usage = null;
    for (String d : data.subList(0, data.size() - 1)) {
      JsonNode chunk = MAPPER.readTree(d);
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.path("model").asText()).isEqualTo("st-test");
      for (JsonNode c : chunk.path("choices")) {
        content.append(c.path("delta").path("content").asText(""));
        if (!c.path("finish_reason").isNull()) {
          finish = c.path("finish_reason").asText();
        }
      }
      if (chunk.path("usage").isObject()) {
        usage = chunk.path("usage");
      }
    }
    assertThat(content.toString()).isEqualTo(TEXT);
    assertThat(finish).isEqualTo("stop");
    assertThat(usage).isNotNull();
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(9);
    assertThat(MAPPER.readTree(data.get(0)).at("/choices/0/delta/role").asText())
        .isEqualTo("assistant");
  }

  @Test
  void wrongMethodsAre405AndUnknownPaths404() throws Exception {
    HttpResponse<String> get =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/v1/chat/completions")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(get, 405);
    Answer brew =
        exchange("BREW /v1/chat/completions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertError(brew.status(), brew.contentType(), brew.body(), 405);
    JsonNode nf = assertError(post("/v2/chat", chat("")), 404);
    assertThat(nf.path("type").asText()).isEqualTo("not_found_error");
  }

  @Test
  void oversizedRequestLineAndHeadersAreOpenAiShapedJson() throws Exception {
    Answer uri =
        exchange(
            "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertError(uri.status(), uri.contentType(), uri.body(), 414);
    Answer headers =
        exchange(
            "GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "b".repeat(10_000)
                + "\r\nConnection: close\r\n\r\n");
    assertError(headers.status(), headers.contentType(), headers.body(), 431);
  }

  @Test
  void aBodyThatStallsIs408AndHealthStillAnswers() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 500\r\n\r\n{\"messages\":")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      HttpResponse<String> health =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(server.uri() + "/health")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      Answer a = read(s.getInputStream());
      JsonNode e = assertError(a.status(), a.contentType(), a.body(), 408);
      assertThat(e.path("message").asText()).startsWith("body: not received within");
    }
    JsonNode health =
        MAPPER.readTree(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.uri() + "/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(health.path("rejected").path("408").asLong()).isPositive();
    assertThat(seen).isEmpty();
  }

  @Test
  void aFullQueueIs503AndTheQueuedRequestsAreAnsweredAfterwards() throws Exception {
    gate = new CountDownLatch(1);
    int n = PolicyServer.MAX_QUEUED + 8;
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(
          HTTP.sendAsync(
              HttpRequest.newBuilder(URI.create(server.uri() + "/v1/chat/completions"))
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString(chat("")))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    // The 503s come back at once, while the generator is still held.
    long busy = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (busy < n - PolicyServer.MAX_QUEUED - 1 && System.nanoTime() < deadline) {
      busy = all.stream().filter(f -> f.isDone() && f.join().statusCode() == 503).count();
      Thread.sleep(20);
    }
    assertThat(busy).isEqualTo(n - PolicyServer.MAX_QUEUED - 1);
    gate.countDown();
    long ok = 0;
    for (CompletableFuture<HttpResponse<String>> f : all) {
      HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
      if (r.statusCode() == 503) {
        assertThat(MAPPER.readTree(r.body()).at("/error/type").asText()).isEqualTo("server_busy");
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
        ok++;
      }
    }
    assertThat(ok).isEqualTo(PolicyServer.MAX_QUEUED + 1);
  }

  @Test
  void aRequestThatWaitsTooLongForTheModelIs503() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    Generator slow =
        (r, m) -> {
          try {
            hold.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new Generator.Generation("x", 1, 1, true);
        };
    try (PolicyServer s =
        PolicyServer.start(
            slow, "m", "127.0.0.1", 0, 8, Duration.ofSeconds(5), Duration.ofMillis(500))) {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(s.uri() + "/v1/chat/completions"))
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(chat("").replace("st-test", "m")))
              .build();
      CompletableFuture<HttpResponse<String>> first =
          HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString());
      Thread.sleep(300);
      HttpResponse<String> second = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      JsonNode e =
          assertError(
              second.statusCode(),
              second.headers().firstValue("content-type").orElse(""),
              second.body(),
              503);
      assertThat(e.path("message").asText()).contains("waited");
      hold.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aTakenPortIsNamedAsSuch() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Generator g = (r, m) -> new Generator.Generation("", 0, 0, true);
      assertThatThrownBy(() -> PolicyServer.start(g, "x", "127.0.0.1", taken.getLocalPort(), 8))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the port is already in use");
    }
  }

  @Test
  void anAddressOfAnotherMachineIsNotCalledAPortInUse() {
    Generator g = (r, m) -> new Generator.Generation("", 0, 0, true);
    assertThatThrownBy(() -> PolicyServer.start(g, "x", "10.255.255.1", 0, 8))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "cannot listen on 10.255.255.1:0: 10.255.255.1 is not an address of this machine");
  }

  private record Answer(int status, String contentType, String body) {}

  private static Answer exchange(String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return read(s.getInputStream());
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        raw.write(buf, 0, n);
        String text = raw.toString(StandardCharsets.ISO_8859_1);
        int head = text.indexOf("\r\n\r\n");
        if (head >= 0) {
          int length = contentLength(text.substring(0, head));
          if (length >= 0 && text.length() >= head + 4 + length) {
            break;
          }
        }
      }
    } catch (java.net.SocketException e) {
      // The server may close right after answering a fault; what arrived is the answer.
    }
    String text = raw.toString(StandardCharsets.UTF_8);
    int head = text.indexOf("\r\n\r\n");
    String headers = text.substring(0, head);
    int status = Integer.parseInt(headers.substring(9, 12));
    String type = "";
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
        type = line.substring(13).strip();
      }
    }
    return new Answer(status, type, text.substring(head + 4));
  }

  private static int contentLength(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).strip());
      }
    }
    return -1;
  }
}
