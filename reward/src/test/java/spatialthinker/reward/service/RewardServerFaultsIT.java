package spatialthinker.reward.service;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spatialthinker.reward.TestRewards;

/** Hostile and broken requests over raw sockets: every answer a JSON error with the right 4xx. */
class RewardServerFaultsIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static RewardServer server;

  @BeforeAll
  static void start() {
    server =
        RewardServer.start(
            RewardServerConfig.defaults()
                .withPort(0)
                .withThreads(2)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30)),
            new TestRewards.SizeCheckingSparse());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Status and body of one raw exchange. */
  private record Answer(int status, String contentType, String body) {
    JsonNode json() throws IOException {
      return MAPPER.readTree(body);
    }
  }

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
      if (line.toLowerCase().startsWith("content-type:")) {
        type = line.substring(13).strip();
      }
    }
    return new Answer(status, type, text.substring(head + 4));
  }

  private static int contentLength(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).strip());
      }
    }
    return -1;
  }

  private static void assertJsonError(Answer a, int status) throws IOException {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.contentType()).startsWith("application/json");
    assertThat(a.json().path("error").isTextual()).as(a.body()).isTrue();
    assertThat(a.body()).doesNotContain("<html", "StreamReadConstraints", "Exception");
  }

  @Test
  void anUnknownMethodIs405InJson() throws Exception {
    Answer a = exchange("BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertJsonError(a, 405);
    assertThat(a.json().path("error").asText()).isEqualTo("method BREW is not supported");
  }

  @Test
  void aUriOverTheLimitIs414InJson() throws Exception {
    String uri = "/" + "a".repeat(10_000);
    Answer a = exchange("GET " + uri + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertJsonError(a, 414);
  }

  @Test
  void headersOverTheLimitAre431InJson() throws Exception {
    String big = "X-Big: " + "b".repeat(10_000) + "\r\n";
    Answer a = exchange("GET /health HTTP/1.1\r\nHost: x\r\n" + big + "Connection: close\r\n\r\n");

    assertJsonError(a, 431);
  }

  @Test
  void aMalformedRequestLineIs400InJson() throws Exception {
    Answer a = exchange("GET /health HTTP/1.1 extra\r\n\r\n");

    assertJsonError(a, 400);
  }

  @Test
  void trailingTextAfterTheBodyIs400() throws Exception {
    String body = "{\"records\": []} {\"records\": []}";
    Answer a =
        exchange(
            "POST /v1/rewards HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\nConnection: close\r\n\r\n"
                + body);

    assertJsonError(a, 400);
    assertThat(a.json().path("error").asText()).startsWith("body: text after the JSON value");
  }

  @Test
  void aStalledBodyIs408InJsonAndCounted() throws Exception {
    long before = server.rejected().getOrDefault(408, 0L);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /v1/rewards HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"rec")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Answer a = read(s.getInputStream());

      assertJsonError(a, 408);
    }
    assertThat(server.rejected().get(408)).isEqualTo(before + 1);
  }

  @Test
  void healthAnswersWhile300SlowBodiesHoldConnections() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.getOutputStream()
            .write(
                "POST /get_reward HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"
                    .getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        slow.add(s);
      }
      // With one thread held per slow body, 300 would exhaust the HTTP pool and this would hang.
      Answer health = exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

      assertThat(health.status()).isEqualTo(200);
      JsonNode json = health.json();
      assertThat(json.path("status").asText()).isEqualTo("ok");
      assertThat(json.path("rejected").isObject()).isTrue();
      assertThat(json.has("last_rejected")).isTrue();
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void anAddressOfAnotherMachineIsNotCalledAPortInUse() {
    assertThatThrownBy(
            () ->
                RewardServer.start(
                    RewardServerConfig.defaults().withHost("10.255.255.1").withPort(0),
                    new TestRewards.SizeCheckingSparse()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "cannot listen on 10.255.255.1:0: 10.255.255.1 is not an address of this machine");
  }

  @Test
  void aPortInUseIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(
              () ->
                  RewardServer.start(
                      RewardServerConfig.defaults().withPort(port),
                      new TestRewards.SizeCheckingSparse()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("cannot listen on 127.0.0.1:" + port + ": the port is already in use");
    }
  }
}
