package spatialthinker.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpJsonTest {

  @Test
  void aRefusedConnectionSaysWhy() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    HttpJson http =
        new HttpJson(URI.create("http://127.0.0.1:" + port + "/x"), Duration.ofSeconds(5));
    assertThatThrownBy(() -> http.post(Map.of("a", 1), Map.of()))
        .isInstanceOf(RetriableModelException.class)
        .hasMessageStartingWith("cannot connect to http://127.0.0.1:" + port)
        .satisfies(e -> assertThat(e.getMessage()).doesNotEndWith(": null").doesNotContain("null"));
  }

  @Test
  void theCauseIsTheFirstMessageAlongTheChain() {
    var e = new ConnectException();
    e.initCause(new java.io.IOException("Connection refused"));
    assertThat(HttpJson.cause(e)).isEqualTo("IOException: Connection refused");
    assertThat(HttpJson.cause(new ConnectException())).isEqualTo("ConnectException");
  }
}
