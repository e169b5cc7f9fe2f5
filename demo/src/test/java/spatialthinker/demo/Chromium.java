package spatialthinker.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's HTTP client and WebSocket:
 * navigate, evaluate script, collect console errors and exceptions, take screenshots.
 */
final class Chromium implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();

  private Chromium(Process process, URI page) {
    this.process = process;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(page, new Listener())
            .join();
  }

  /** {@code /usr/bin/chromium}, else {@code chromium} on the PATH. */
  static Optional<Path> find() {
    Path usual = Path.of("/usr/bin/chromium");
    if (Files.isExecutable(usual)) {
      return Optional.of(usual);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "chromium");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Starts a browser with a fresh profile in {@code profile} and attaches to its first page. */
  static Chromium launch(Path binary, Path profile) throws IOException, InterruptedException {
    Files.createDirectories(profile);
    Path log = profile.resolve("chromium.log");
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      List<String> lines = List.of();
      while (lines.size() < 2) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "chromium did not start (log " + log + "): " + Files.readString(log));
        }
        Thread.sleep(100);
        if (Files.exists(portFile)) {
          lines = Files.readAllLines(portFile);
        }
      }
      int port = Integer.parseInt(lines.get(0).strip());
      HttpResponse<String> list =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                      .timeout(TIMEOUT)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      for (JsonNode t : JSON.readTree(list.body())) {
        if (t.path("type").asText().equals("page")) {
          return new Chromium(p, URI.create(t.path("webSocketDebuggerUrl").asText()));
        }
      }
      throw new IllegalStateException("chromium has no page target: " + list.body());
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /** Sends a command and returns its result. */
  JsonNode call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    socket.sendText(msg.toString(), true).join();
    JsonNode reply = f.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  JsonNode call(String method) {
    return call(method, JSON.createObjectNode());
  }

  static ObjectNode params() {
    return JSON.createObjectNode();
  }

  /** Evaluates an expression (awaiting a promise) and returns its value as JSON. */
  JsonNode evaluate(String expression) {
    JsonNode r =
        call(
            "Runtime.evaluate",
            params()
                .put("expression", expression)
                .put("awaitPromise", true)
                .put("returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Waits for an event of this method (already received or coming). */
  JsonNode await(String method) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (events) {
        for (JsonNode e : events) {
          if (e.path("method").asText().equals(method)) {
            return e;
          }
        }
        events.wait(200);
      }
    }
    throw new IllegalStateException("no " + method + " within " + TIMEOUT);
  }

  /** Console errors, uncaught exceptions and error log entries seen so far, one line each. */
  List<String> errors() {
    List<String> out = new ArrayList<>();
    synchronized (events) {
      for (JsonNode e : events) {
        JsonNode p = e.path("params");
        switch (e.path("method").asText()) {
          case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
          case "Runtime.consoleAPICalled" -> {
            if (p.path("type").asText().equals("error")) {
              out.add("console.error: " + p.path("args"));
            }
          }
          case "Log.entryAdded" -> {
            if (p.path("entry").path("level").asText().equals("error")) {
              out.add(
                  "log: "
                      + p.path("entry").path("text").asText()
                      + " "
                      + p.path("entry").path("url").asText());
            }
          }
          default -> {}
        }
      }
    }
    return out;
  }

  /** A PNG of the page at the current viewport size, or of its whole height. */
  byte[] screenshot(boolean fullPage) {
    ObjectNode p = params().put("format", "png");
    if (fullPage) {
      JsonNode m = call("Page.getLayoutMetrics");
      double w = m.path("cssContentSize").path("width").asDouble();
      double h = m.path("cssContentSize").path("height").asDouble();
      p.put("captureBeyondViewport", true);
      p.putObject("clip").put("x", 0).put("y", 0).put("width", w).put("height", h).put("scale", 1);
    }
    return java.util.Base64.getDecoder()
        .decode(call("Page.captureScreenshot", p).path("data").asText());
  }

  /**
   * Deletes a profile directory; links (Chromium's locks) are removed, never followed. Cleanup must
   * never fail a test: a browser helper that is still flushing files makes a pass fail with {@code
   * DirectoryNotEmptyException} or {@code NoSuchFileException}, so whole passes are retried until
   * {@code patience} runs out, and what is left then is reported, not thrown.
   *
   * @return true when the directory is gone
   */
  static boolean deleteProfile(Path profile, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    IOException last = null;
    while (true) {
      try {
        deleteTree(profile);
        return true;
      } catch (IOException | java.io.UncheckedIOException e) {
        last = e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause();
      }
      if (System.nanoTime() > deadline) {
        System.err.println("could not delete browser profile " + profile + ": " + last);
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Closes the page socket and stops the browser with every process it started: Chromium's
   * renderer, utility and crash-handler children outlive the main process for a moment and keep
   * writing to the profile.
   */
  @Override
  public void close() throws InterruptedException {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).join();
    } catch (RuntimeException e) {
      socket.abort(); // the browser is going anyway
    }
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    tree.addAll(process.descendants().toList());
    for (ProcessHandle child : tree) {
      child.destroy();
    }
    for (ProcessHandle child : tree) {
      try {
        child.onExit().get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        child.destroyForcibly();
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode msg = JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
              f.complete(msg);
            }
          } else {
            synchronized (events) {
              events.add(msg);
              events.notifyAll();
            }
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
      }
      ws.request(1);
      return null;
    }
  }
}
