package spatialthinker.reward.service;

import io.javalin.config.JavalinConfig;
import java.net.BindException;
import java.time.Duration;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server's bounds, shared by the reward service and the policy server: a bounded Jetty
 * pool ({@link #HTTP_THREADS} threads, which never wait on a request body: bodies are read without
 * blocking), at most {@code maxConnections} open connections, an idle timeout, headers and URI up
 * to 8 KiB (431 and 414 beyond), and Jetty's own errors as JSON.
 */
public final class HttpLimits {

  /** Jetty's threads: acceptors, selectors and handlers that never block on the network. */
  public static final int HTTP_THREADS = 48;

  /** Headers (and the request line) up to this many bytes. */
  public static final int MAX_HEADER_BYTES = 8 * 1024;

  private HttpLimits() {}

  /** Applies the bounds to a Javalin configuration listening on {@code host:port}. */
  public static void apply(
      JavalinConfig cfg,
      String host,
      int port,
      int maxConnections,
      Duration idleTimeout,
      Rejections rejections) {
    apply(
        cfg,
        host,
        port,
        maxConnections,
        idleTimeout,
        rejections,
        (status, message) -> JsonErrorHandler.body(message));
  }

  /**
   * As {@link #apply(JavalinConfig, String, int, int, Duration, Rejections)}, with Jetty's own
   * errors written by {@code errorBody}.
   */
  public static void apply(
      JavalinConfig cfg,
      String host,
      int port,
      int maxConnections,
      Duration idleTimeout,
      Rejections rejections,
      JsonErrorHandler.ErrorBody errorBody) {
    QueuedThreadPool pool = new QueuedThreadPool(HTTP_THREADS, 4, 60_000);
    pool.setName("http");
    cfg.jetty.threadPool = pool;
    cfg.jetty.modifyHttpConfiguration(
        http -> {
          http.setRequestHeaderSize(MAX_HEADER_BYTES);
          http.setSendServerVersion(false);
          http.setSendXPoweredBy(false);
        });
    JsonErrorHandler errors = new JsonErrorHandler(rejections, errorBody);
    cfg.jetty.modifyServer(
        server -> {
          server.setErrorHandler(errors);
          server.addBean(new ConnectionLimit(maxConnections, server));
        });
    cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(errors));
    cfg.jetty.addConnector(
        (server, http) -> {
          ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
          c.setHost(host);
          c.setPort(port);
          c.setIdleTimeout(idleTimeout.toMillis());
          return c;
        });
  }

  /**
   * What went wrong when the server could not listen on {@code host:port}, in words: a port in use
   * and an address that is not this machine's are different faults (the HTTP library calls both
   * "port already in use").
   */
  public static IllegalStateException bindFailure(String host, int port, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException b) {
        String m = String.valueOf(b.getMessage());
        if (m.contains("already in use")) {
          return new IllegalStateException(
              "cannot listen on " + host + ":" + port + ": the port is already in use", e);
        }
        if (m.contains("assign requested address") || m.contains("not available")) {
          return new IllegalStateException(
              "cannot listen on "
                  + host
                  + ":"
                  + port
                  + ": "
                  + host
                  + " is not an address of this machine",
              e);
        }
        if (m.contains("Permission denied") || m.contains("Access denied")) {
          return new IllegalStateException(
              "cannot listen on " + host + ":" + port + ": permission denied", e);
        }
        return new IllegalStateException("cannot listen on " + host + ":" + port + ": " + m, e);
      }
      if (t instanceof java.nio.channels.UnresolvedAddressException
          || t instanceof java.net.UnknownHostException) {
        return new IllegalStateException(
            "cannot listen on " + host + ":" + port + ": unknown host " + host, e);
      }
    }
    return new IllegalStateException(
        "cannot listen on " + host + ":" + port + ": " + String.valueOf(e.getMessage()), e);
  }
}
