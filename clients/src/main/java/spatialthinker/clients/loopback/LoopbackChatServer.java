package spatialthinker.clients.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import spatialthinker.clients.ImagePart;

/**
 * A stand-in chat server on the loopback interface that speaks both the OpenAI chat-completions and
 * the Anthropic messages format, answers what a {@link Responder} decides, after a fixed latency,
 * and can fail on purpose (any status, truncated JSON, empty content, stalls). For tests, demos and
 * throughput measurements; one virtual thread per request.
 */
public final class LoopbackChatServer implements AutoCloseable {

  /**
   * A request as the server saw it. The body is parsed only when asked for, so that a throughput
   * measurement pays for the server's reading no more than a real server's would cost the client.
   */
  public static final class Request {
    private final String path;
    private final Map<String, List<String>> headers;
    private final byte[] raw;
    private final boolean anthropic;
    private JsonNode body;
    private String text;
    private List<ImagePart> images;

    Request(String path, Map<String, List<String>> headers, byte[] raw, boolean anthropic) {
      this.path = path;
      this.headers = headers;
      this.raw = raw;
      this.anthropic = anthropic;
    }

    /** The request path, e.g. {@code /v1/chat/completions}. */
    public String path() {
      return path;
    }

    /** The request headers. */
    public Map<String, List<String>> headers() {
      return headers;
    }

    /** The first value of a header (case-insensitive name), if sent. */
    public Optional<String> header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return Optional.of(e.getValue().get(0));
        }
      }
      return Optional.empty();
    }

    /** The JSON body. */
    public synchronized JsonNode body() {
      if (body == null) {
        try {
          body = JSON.readTree(raw);
        } catch (IOException e) {
          throw new IllegalStateException("request body is not JSON", e);
        }
      }
      return body;
    }

    /** The text parts of all messages, joined by newlines. */
    public synchronized String text() {
      if (text == null) {
        read();
      }
      return text;
    }

    /** The images of all messages, in order. */
    public synchronized List<ImagePart> images() {
      if (images == null) {
        read();
      }
      return images;
    }

    private void read() {
      StringBuilder t = new StringBuilder();
      List<ImagePart> imgs = new ArrayList<>();
      for (JsonNode m : body().path("messages")) {
        JsonNode content = m.path("content");
        if (content.isTextual()) {
          append(t, content.textValue());
          continue;
        }
        for (JsonNode part : content) {
          String type = part.path("type").asText();
          if (type.equals("text")) {
            append(t, part.path("text").asText());
          } else if (type.equals("image_url")) {
            String url = part.path("image_url").path("url").asText();
            imgs.add(ImagePart.of(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))));
          } else if (type.equals("image") && anthropic) {
            imgs.add(
                ImagePart.of(
                    Base64.getDecoder().decode(part.path("source").path("data").asText())));
          }
        }
      }
      text = t.toString();
      images = List.copyOf(imgs);
    }
  }

  /** What to send back. */
  public sealed interface Reply
      permits Reply.Answer, Reply.Status, Reply.Raw, Reply.EmptyContent, Reply.Stall {

    /** A normal reply with this text, in the request's format. */
    record Answer(String text) implements Reply {}

    /** An error status with a body and optional {@code Retry-After} seconds. */
    record Status(int code, String body, Optional<String> retryAfter) implements Reply {}

    /** A raw body with a status, e.g. truncated JSON. */
    record Raw(int code, String body) implements Reply {}

    /** A well-formed reply whose text is empty. */
    record EmptyContent() implements Reply {}

    /** Wait, then reply (longer than the client's timeout to simulate a hang). */
    record Stall(Duration delay, Reply then) implements Reply {}

    static Reply answer(String text) {
      return new Answer(text);
    }
  }

  /** Decides the reply to a request. */
  @FunctionalInterface
  public interface Responder {
    Reply respond(Request request);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Responder responder;
  private final Duration latency;
  private final boolean record;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger count = new AtomicInteger();

  private LoopbackChatServer(Responder responder, Duration latency, boolean record)
      throws IOException {
    this.responder = Objects.requireNonNull(responder, "responder");
    this.latency = Objects.requireNonNull(latency, "latency");
    this.record = record;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param responder decides each reply
   * @param latency added before every reply
   * @param record keep every request (with its decoded images) for {@link #requests()}; without it,
   *     requests passed to the responder carry no images
   */
  public static LoopbackChatServer start(Responder responder, Duration latency, boolean record) {
    try {
      return new LoopbackChatServer(responder, latency, record);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the loopback chat server: " + e, e);
    }
  }

  /** The base URL clients take, e.g. {@code http://127.0.0.1:43121/v1}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  /** The requests received so far, when recording. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** How many requests arrived. */
  public int requestCount() {
    return count.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      count.incrementAndGet();
      byte[] bytes;
      try (InputStream in = ex.getRequestBody()) {
        bytes = in.readAllBytes();
      }
      boolean anthropic = ex.getRequestURI().getPath().endsWith("/messages");
      Request req =
          new Request(
              ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), bytes, anthropic);
      if (record) {
        requests.add(req);
      }
      sleep(latency);
      send(ex, responder.respond(req), anthropic);
    } catch (RuntimeException e) {
      byte[] msg =
          ("{\"error\": \"" + e.getClass().getSimpleName() + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(500, msg.length);
      ex.getResponseBody().write(msg);
    }
  }

  private void send(HttpExchange ex, Reply reply, boolean anthropic) throws IOException {
    switch (reply) {
      case Reply.Stall s -> {
        sleep(s.delay());
        send(ex, s.then(), anthropic);
      }
      case Reply.Answer a -> write(ex, 200, success(a.text(), anthropic));
      case Reply.EmptyContent e -> write(ex, 200, success("", anthropic));
      case Reply.Raw r -> write(ex, r.code(), r.body());
      case Reply.Status s -> {
        s.retryAfter().ifPresent(v -> ex.getResponseHeaders().add("Retry-After", v));
        write(ex, s.code(), s.body());
      }
    }
  }

  private static String success(String text, boolean anthropic) {
    ObjectNode root = JSON.createObjectNode();
    if (anthropic) {
      root.put("type", "message").put("role", "assistant");
      root.putArray("content").addObject().put("type", "text").put("text", text);
      root.put("stop_reason", "end_turn");
      root.putObject("usage").put("input_tokens", 10).put("output_tokens", 5);
    } else {
      root.put("object", "chat.completion");
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", text);
      choice.put("finish_reason", "stop");
      root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5);
    }
    return root.toString();
  }

  private static void write(HttpExchange ex, int code, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    }
  }

  private static void append(StringBuilder b, String s) {
    if (!b.isEmpty()) {
      b.append('\n');
    }
    b.append(s);
  }

  private static void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
