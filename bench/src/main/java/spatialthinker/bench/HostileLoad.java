package spatialthinker.bench;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import spatialthinker.core.provenance.Provenance;
import spatialthinker.reward.RewardInput;
import spatialthinker.train.Preset;
import spatialthinker.train.ckpt.Checkpoint;
import spatialthinker.train.ckpt.TrainState;
import spatialthinker.train.data.DataCursor;
import spatialthinker.train.data.QaExample;
import spatialthinker.train.data.QaParquet;
import spatialthinker.train.data.TrainingData;
import spatialthinker.train.model.Policy;
import spatialthinker.train.text.Tokenizer;
import spatialthinker.train.toy.ToySpatialData;

/**
 * Load-and-fuzz harness for the two HTTP services, each started as its own process from the
 * application jar ({@code reward serve}, and {@code serve} on a freshly initialised tiny policy),
 * on loopback only. Per service, bounded in count and time:
 *
 * <ol>
 *   <li>fuzz: seeded malformed requests (truncated, bit-flipped, NaN, deep nesting, wrong types,
 *       trailing text, invalid UTF-8, empty, bad method, oversized URI and headers, a broken
 *       request line); answers counted by status;
 *   <li>pathological: the inputs that were quadratic ({@code "Image size: ("} repeated 8,000 times
 *       in a problem, a query ending in 40,000 {@code <|im_end|>}, JSON nested 8,000 deep), timed;
 *   <li>slow bodies: {@code --slow} connections sending one byte every 2 s while a client sends
 *       normal requests; their latency percentiles;
 *   <li>load: {@code --minutes} of normal and malformed requests from 4 clients; the server's
 *       resident memory before and after.
 * </ol>
 *
 * Prints a Markdown table (also written to {@code --out}); exits 1 when any answer was a 5xx or a
 * request got no answer at all.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar spatialthinker.bench.HostileLoad [--jar
 * cli/target/spatialthinker.jar] [--minutes 10] [--slow 300] [--fuzz 2000] [--seed 1] [--only
 * reward|serve] [--out FILE.md]}
 */
public final class HostileLoad {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "/v1/chat/completions";

  private final Path jar;
  private final int minutes;
  private final int slow;
  private final int fuzz;
  private final long seed;
  private final Path work;

  private HostileLoad(Path jar, int minutes, int slow, int fuzz, long seed, Path work) {
    this.jar = jar;
    this.minutes = minutes;
    this.slow = slow;
    this.fuzz = fuzz;
    this.seed = seed;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of("cli/target/spatialthinker.jar");
    int minutes = 10;
    int slow = 300;
    int fuzz = 2000;
    long seed = 1;
    String only = "";
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--jar" -> jar = Path.of(v);
        case "--minutes" -> minutes = Integer.parseInt(v);
        case "--slow" -> slow = Integer.parseInt(v);
        case "--fuzz" -> fuzz = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--only" -> only = v;
        case "--out" -> out = Path.of(v);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
      i++;
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(jar + ": no application jar; run ./spatialthinker --help");
    }
    Path work = Files.createTempDirectory("hostile-load");
    HostileLoad h = new HostileLoad(jar, minutes, slow, fuzz, seed, work);
    List<Report> reports = new ArrayList<>();
    if (!only.equals("serve")) {
      reports.add(h.reward());
    }
    if (!only.equals("reward")) {
      reports.add(h.policy());
    }
    String table = table(reports, h);
    System.out.println(table);
    if (out != null) {
      Files.writeString(out, table);
    }
    boolean failed = reports.stream().anyMatch(r -> r.fivexx() > 0 || r.noAnswer.sum() > 0);
    System.exit(failed ? 1 : 0);
  }

  // ---------------------------------------------------------------------------------------------
  // The two targets

  private Report reward() throws Exception {
    List<RewardInput> records = RealisticRecords.generate(64, 3, seed);
    RewardInput r = records.get(0);
    byte[] normal = rewardsBody(List.of(r.response()), List.of(r.groundTruth()), r.problem());
    try (Server s = Server.start(jar, work.resolve("reward.log"), "reward", "serve")) {
      Report rep = new Report("reward serve", s);
      Target t = new Target(s.port, "/v1/rewards", normal, "POST", rep);
      waitHealthy(s);
      fuzzPhase(t, new Random(seed));
      rep.pathological.put(
          "problem with \"Image size: (\" x 8,000 (/v1/rewards)",
          timeRequests(
              t,
              "/v1/rewards",
              rewardsBody(
                  List.of(r.response()), List.of(r.groundTruth()), "Image size: (".repeat(8_000)),
              20));
      rep.pathological.put(
          "query ending in 8,000 <|im_end|> (/get_reward)",
          timeRequests(t, "/get_reward", endTokens(r, 8_000), 20));
      rep.pathological.put(
          "query ending in 40,000 <|im_end|> (/get_reward)",
          timeRequests(t, "/get_reward", endTokens(r, 40_000), 20));
      rep.pathological.put(
          "JSON nested 8,000 deep (/v1/rewards)",
          timeRequests(t, "/v1/rewards", nested(8_000), 20));
      slowPhase(t, List.of(new Normal("POST /v1/rewards (1 record)", "/v1/rewards", normal)));
      loadPhase(t, List.of(new Normal("POST /v1/rewards", "/v1/rewards", normal)));
      rep.logLines = s.logLines();
      rep.stackTraces = s.stackTraces();
      return rep;
    }
  }

  private Report policy() throws Exception {
    Path ckpt = work.resolve("ckpt");
    byte[] image = tinyCheckpoint(ckpt);
    String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(image);
    byte[] chat = chatBody(dataUrl, 1);
    try (Server s =
        Server.start(
            jar,
            work.resolve("serve.log"),
            "serve",
            "--checkpoint",
            ckpt.toString(),
            "--model",
            "st-tiny")) {
      Report rep = new Report("serve (tiny policy)", s);
      Target t = new Target(s.port, CHAT, chat, "POST", rep);
      waitHealthy(s);
      fuzzPhase(t, new Random(seed + 1));
      rep.pathological.put(
          "JSON nested 8,000 deep (" + CHAT + ")", timeRequests(t, CHAT, nested(8_000), 20));
      rep.pathological.put(
          "\"Image size: (\" x 8,000 as the model name (" + CHAT + ")",
          timeRequests(
              t,
              CHAT,
              ("{\"model\":\""
                      + "Image size: (".repeat(8_000)
                      + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                  .getBytes(StandardCharsets.UTF_8),
              20));
      rep.pathological.put(
          "8,000 text parts (" + CHAT + ", answered 400: no image)",
          timeRequests(t, CHAT, manyParts(8_000), 20));
      slowPhase(
          t,
          List.of(
              new Normal("GET /health", "/health", null),
              new Normal("POST " + CHAT + " (max_tokens 1)", CHAT, chat)));
      loadPhase(
          t, List.of(new Normal("POST " + CHAT + " (max_tokens 8)", CHAT, chatBody(dataUrl, 8))));
      rep.logLines = s.logLines();
      rep.stackTraces = s.stackTraces();
      return rep;
    }
  }

  /** A tiny randomly initialised policy saved as a checkpoint; returns one toy image. */
  private byte[] tinyCheckpoint(Path dir) {
    Path data = work.resolve("toy.parquet");
    new ToySpatialData(64).write(data, 40, 0.2, seed);
    List<QaExample> rows = QaParquet.read(data);
    Tokenizer tok = new TrainingData(rows, "toy").buildTokenizer();
    try (NDManager root = NDManager.newBaseManager();
        Policy p = Policy.initialise(Preset.TINY.model(tok.size()), tok, seed, root)) {
      Checkpoint.save(
          dir,
          p,
          Optional.empty(),
          new TrainState("sft", 0, DataCursor.START, seed, 0, 0),
          Provenance.here(Map.of(), seed, "none"));
    }
    return rows.get(0).image();
  }

  // ---------------------------------------------------------------------------------------------
  // Phases

  private void fuzzPhase(Target t, Random rnd) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < fuzz; i++) {
      byte[] raw = malformed(t, rnd);
      all.add(pool.submit(() -> t.report.fuzz(send(t.port, raw))));
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    // Once each: a body over the limit.
    t.report.fuzz(send(t.port, request("POST", t.path, new byte[0], 200L << 20)));
  }

  private Timing timeRequests(Target t, String path, byte[] body, int n) throws Exception {
    for (int i = 0; i < 5; i++) {
      send(t.port, request("POST", path, body, body.length)); // warm-up
    }
    long[] ms = new long[n];
    int status = 0;
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      Answer a = send(t.port, request("POST", path, body, body.length));
      ms[i] = System.nanoTime() - start;
      status = a.status;
      t.report.count(a);
    }
    Arrays.sort(ms);
    return new Timing(body.length, status, ms[n / 2] / 1e6, ms[n - 1] / 1e6);
  }

  private void slowPhase(Target t, List<Normal> normals) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder slowAnswers = new LongAdder();
    Map<Integer, LongAdder> slowStatus = new ConcurrentHashMap<>();
    ExecutorService slowPool = Executors.newVirtualThreadPerTaskExecutor();
    for (int i = 0; i < slow; i++) {
      slowPool.submit(
          () -> {
            while (!stop.get()) {
              try (Socket s = new Socket(InetAddress.getLoopbackAddress(), t.port)) {
                s.setSoTimeout(2_000);
                OutputStream out = s.getOutputStream();
                out.write(
                    ("POST "
                            + t.path
                            + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                while (!stop.get()) {
                  out.write('[');
                  out.flush();
                  try {
                    int b = in.read();
                    if (b < 0) {
                      break;
                    }
                    Answer a = readRest(in, b);
                    slowAnswers.increment();
                    slowStatus.computeIfAbsent(a.status, k -> new LongAdder()).increment();
                    break;
                  } catch (SocketTimeoutException e) {
                    // no answer yet: send the next byte
                  }
                }
              } catch (IOException e) {
                // the server closed the connection: open the next one
              }
            }
            return null;
          });
    }
    Thread.sleep(5_000); // let the slow connections pile up
    HttpClient http = client();
    for (Normal n : normals) {
      List<Long> lat = new ArrayList<>();
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(n.request(t.port), HttpResponse.BodyHandlers.ofString());
        lat.add(System.nanoTime() - start);
        t.report.count(new Answer(r.statusCode(), r.body()));
      }
      t.report.slowNormal.put(n.name, Percentiles.of(lat));
    }
    stop.set(true);
    slowPool.shutdownNow();
    t.report.slowAnswers = slowAnswers.sum();
    slowStatus.forEach((k, v) -> t.report.slowStatus.put(k, v.sum()));
  }

  private void loadPhase(Target t, List<Normal> normals) throws Exception {
    Random rnd = new Random(seed + 7);
    List<byte[]> bad = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      bad.add(malformed(t, rnd));
    }
    HttpClient http = client();
    // Warm up, then take the resident set as "before".
    for (int i = 0; i < 50; i++) {
      http.send(normals.get(0).request(t.port), HttpResponse.BodyHandlers.ofString());
    }
    t.report.heapBefore = t.report.server.heapAfterGcKb();
    t.report.rssBefore = t.report.server.rssKb();
    long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
    AtomicLong maxRss = new AtomicLong(t.report.rssBefore);
    List<Long> lat = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> all = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      int client = c;
      all.add(
          pool.submit(
              () -> {
                int i = client;
                while (System.nanoTime() < end) {
                  if (i++ % 5 == 4) {
                    t.report.count(send(t.port, bad.get(i % bad.size())));
                  } else {
                    Normal n = normals.get(i % normals.size());
                    long start = System.nanoTime();
                    HttpResponse<String> r =
                        http.send(n.request(t.port), HttpResponse.BodyHandlers.ofString());
                    lat.add(System.nanoTime() - start);
                    t.report.count(new Answer(r.statusCode(), r.body()));
                  }
                  if (client == 0 && i % 200 == 0) {
                    maxRss.accumulateAndGet(t.report.server.rssKb(), Math::max);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    t.report.rssAfter = t.report.server.rssKb();
    t.report.heapAfter = t.report.server.heapAfterGcKb();
    t.report.rssMax = Math.max(maxRss.get(), t.report.rssAfter);
    t.report.load = Percentiles.of(lat);
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  private byte[] malformed(Target t, Random rnd) {
    byte[] valid = t.normalBody;
    String p = t.path;
    return switch (rnd.nextInt(14)) {
      case 0 -> post(p, Arrays.copyOf(valid, rnd.nextInt(valid.length)));
      case 1 -> {
        byte[] b = valid.clone();
        for (int k = 1 + rnd.nextInt(5); k > 0; k--) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        yield post(p, b);
      }
      case 2 -> post(p, replaceFirstValue(valid, "NaN"));
      case 3 -> post(p, nested(50 + rnd.nextInt(20_000)));
      case 4 ->
          post(
              p,
              ("{\"records\": "
                      + List.of("5", "\"x\"", "[1]", "[{\"response\": 1}]", "{}")
                          .get(rnd.nextInt(5))
                      + ", \"messages\": "
                      + List.of("5", "\"x\"", "[1]", "[{\"role\": 1}]", "{}").get(rnd.nextInt(5))
                      + ", \"max_tokens\": \"lots\", \"temperature\": \"hot\"}")
                  .getBytes(StandardCharsets.UTF_8));
      case 5 -> post(p, concat(valid, " trailing".getBytes(StandardCharsets.UTF_8)));
      case 6 -> {
        byte[] b = valid.clone();
        b[rnd.nextInt(b.length)] = (byte) 0xC3;
        b[rnd.nextInt(b.length)] = (byte) 0xFF;
        yield post(p, b);
      }
      case 7 -> post(p, replaceFirstValue(valid, "1e99999999"));
      case 8 -> post(p, new byte[0]);
      case 9 -> ascii("BREW " + p + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      case 10 ->
          ascii("GET /" + "a".repeat(9_000 + rnd.nextInt(20_000)) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      case 11 ->
          ascii(
              "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: "
                  + "b".repeat(9_000 + rnd.nextInt(20_000))
                  + "\r\nConnection: close\r\n\r\n");
      case 12 -> ascii("GARBAGE\r\n\r\n");
      default -> ascii("GET " + p + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    };
  }

  private static byte[] post(String path, byte[] body) {
    return request("POST", path, body, body.length);
  }

  /** A raw request; {@code declared} may exceed the body (the rest is never sent). */
  private static byte[] request(String method, String path, byte[] body, long declared) {
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            + declared
            + "\r\nConnection: close\r\n\r\n";
    return concat(head.getBytes(StandardCharsets.US_ASCII), body);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] replaceFirstValue(byte[] valid, String token) {
    String s = new String(valid, StandardCharsets.UTF_8);
    int colon = s.indexOf(':');
    int end = s.indexOf(',', colon);
    return (s.substring(0, colon + 1) + token + s.substring(end < 0 ? s.length() - 1 : end))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] endTokens(RewardInput r, int n) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("query")
        .add(
            "<|im_start|>user\n"
                + r.problem()
                + "<|im_end|>\n<|im_start|>assistant\n"
                + r.response()
                + "<|im_end|>".repeat(n));
    body.putArray("labels").add(r.groundTruth());
    return JSON.writeValueAsBytes(body);
  }

  private static byte[] nested(int depth) {
    return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] manyParts(int n) {
    StringBuilder b = new StringBuilder("{\"messages\":[{\"role\":\"user\",\"content\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"type\":\"text\",\"text\":\"Image size: (\"}");
    }
    return b.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] rewardsBody(List<String> responses, List<String> truths, String problem)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode records = body.putArray("records");
    for (int i = 0; i < responses.size(); i++) {
      records
          .addObject()
          .put("response", responses.get(i))
          .put("ground_truth", truths.get(i))
          .put("problem", problem);
    }
    return JSON.writeValueAsBytes(body);
  }

  private static byte[] chatBody(String dataUrl, int maxTokens) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", "st-tiny").put("max_tokens", maxTokens).put("temperature", 0);
    ArrayNode content =
        body.putArray("messages").addObject().put("role", "user").putArray("content");
    content.addObject().put("type", "image_url").putObject("image_url").put("url", dataUrl);
    content
        .addObject()
        .put("type", "text")
        .put("text", "Is the red cube left of the blue ball? (A) yes (B) no");
    return JSON.writeValueAsBytes(body);
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private record Normal(String name, String path, byte[] body) {
    HttpRequest request(int port) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(60));
      return body == null
          ? b.GET().build()
          : b.header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
    }
  }

  private record Target(int port, String path, byte[] normalBody, String method, Report report) {}

  private record Answer(int status, String body) {}

  /** Sends raw bytes and reads the answer; status 0 when none came within 60 s. */
  private static Answer send(int port, byte[] raw) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(60_000);
      try {
        s.getOutputStream().write(raw);
        s.getOutputStream().flush();
      } catch (IOException e) {
        // The server may answer and close before reading everything (413, 431): read the answer.
      }
      InputStream in = s.getInputStream();
      int first = in.read();
      return first < 0 ? new Answer(0, "") : readRest(in, first);
    } catch (IOException e) {
      return new Answer(0, String.valueOf(e.getMessage()));
    }
  }

  private static Answer readRest(InputStream in, int first) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    raw.write(first);
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
    } catch (IOException e) {
      // closed after the answer
    }
    String text = raw.toString(StandardCharsets.UTF_8);
    if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
      return new Answer(0, text);
    }
    int head = text.indexOf("\r\n\r\n");
    return new Answer(
        Integer.parseInt(text.substring(9, 12)), head < 0 ? "" : text.substring(head + 4));
  }

  private static int contentLength(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).strip());
      }
    }
    return -1;
  }

  private static void waitHealthy(Server s) throws Exception {
    HttpClient http = client();
    long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < end) {
      if (!s.process.isAlive()) {
        throw new IllegalStateException("server exited early; see " + s.log);
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port + "/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("server not healthy within 180 s; see " + s.log);
  }

  // ---------------------------------------------------------------------------------------------
  // The server process

  private static final class Server implements AutoCloseable {
    final Process process;
    final int port;
    final Path log;

    private Server(Process process, int port, Path log) {
      this.process = process;
      this.port = port;
      this.log = log;
    }

    static Server start(Path jar, Path log, String... command) throws IOException {
      int port;
      try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = free.getLocalPort();
      }
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> cmd = new ArrayList<>();
      cmd.addAll(
          List.of(
              java,
              "-Dai.djl.offline=true",
              "--enable-native-access=ALL-UNNAMED",
              "-jar",
              jar.toString()));
      cmd.addAll(List.of(command));
      cmd.addAll(List.of("--port", Integer.toString(port)));
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new Server(p, port, log);
    }

    /** Resident set size in KiB (Linux), -1 elsewhere. */
    long rssKb() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException e) {
        return -1;
      }
      return -1;
    }

    /** Java heap in use right after a full collection, in KiB (via jcmd), -1 if unknown. */
    long heapAfterGcKb() {
      Path jcmd =
          Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
      try {
        run(jcmd.toString(), Long.toString(process.pid()), "GC.run");
        String info = run(jcmd.toString(), Long.toString(process.pid()), "GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
      } catch (IOException | InterruptedException e) {
        return -1;
      }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    }

    long logLines() throws IOException {
      try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
        return lines.count();
      }
    }

    long stackTraces() throws IOException {
      try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
        return lines.filter(l -> l.startsWith("\tat ")).count();
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What is reported

  private record Timing(int bytes, int status, double medianMs, double maxMs) {}

  private record Percentiles(int n, double p50, double p99, double max) {
    static Percentiles of(List<Long> nanos) {
      long[] a = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
      if (a.length == 0) {
        return new Percentiles(0, 0, 0, 0);
      }
      return new Percentiles(
          a.length,
          a[a.length / 2] / 1e6,
          a[(int) Math.min(a.length - 1, Math.ceil(a.length * 0.99) - 1)] / 1e6,
          a[a.length - 1] / 1e6);
    }
  }

  private static final class Report {
    final String name;
    final Server server;
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final LongAdder requests = new LongAdder();
    final LongAdder fuzzed = new LongAdder();
    final LongAdder noAnswer = new LongAdder();
    final Map<String, Timing> pathological = new java.util.LinkedHashMap<>();
    final Map<String, Percentiles> slowNormal = new java.util.LinkedHashMap<>();
    final Map<Integer, Long> slowStatus = new TreeMap<>();
    long slowAnswers;
    long rssBefore;
    long rssAfter;
    long rssMax;
    long heapBefore;
    long heapAfter;
    Percentiles load;
    long logLines;
    long stackTraces;

    Report(String name, Server server) {
      this.name = name;
      this.server = server;
    }

    void fuzz(Answer a) {
      fuzzed.increment();
      count(a);
    }

    void count(Answer a) {
      requests.increment();
      if (a.status == 0) {
        noAnswer.increment();
      } else {
        statuses.computeIfAbsent(a.status, k -> new LongAdder()).increment();
      }
    }

    long fivexx() {
      return statuses.entrySet().stream()
          .filter(e -> e.getKey() >= 500 && e.getKey() != 503)
          .mapToLong(e -> e.getValue().sum())
          .sum();
    }
  }

  private static String table(List<Report> reports, HostileLoad h) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Seed %d, %d fuzz requests, %d slow connections, %d min load, %d cores.%n%n",
            h.seed,
            h.fuzz,
            h.slow,
            h.minutes,
            Runtime.getRuntime().availableProcessors()));
    for (Report r : reports) {
      b.append("### ").append(r.name).append("\n\n| measure | value |\n|---|---|\n");
      b.append(row("requests sent (all phases)", Long.toString(r.requests.sum())));
      b.append(row("of them fuzz (malformed) requests", Long.toString(r.fuzzed.sum())));
      Map<Integer, Long> byStatus = new TreeMap<>();
      r.statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
      StringBuilder four = new StringBuilder();
      byStatus.forEach(
          (k, v) -> {
            if (k >= 400 && k < 500) {
              four.append(four.isEmpty() ? "" : ", ").append(k).append(": ").append(v);
            }
          });
      b.append(row("4xx answers by status", four.toString()));
      b.append(row("2xx answers", Long.toString(sum(byStatus, 200, 300))));
      b.append(row("503 (queue full)", Long.toString(byStatus.getOrDefault(503, 0L))));
      b.append(row("other 5xx answers", Long.toString(r.fivexx())));
      b.append(row("requests without an answer", Long.toString(r.noAnswer.sum())));
      for (var e : r.pathological.entrySet()) {
        Timing t = e.getValue();
        b.append(
            row(
                "pathological: " + e.getKey() + ", " + t.bytes + " bytes",
                String.format(
                    Locale.ROOT,
                    "HTTP %d, median %.1f ms, max %.1f ms (20 requests)",
                    t.status,
                    t.medianMs,
                    t.maxMs)));
      }
      for (var e : r.slowNormal.entrySet()) {
        Percentiles p = e.getValue();
        b.append(
            row(
                "during " + h.slow + " slow bodies: " + e.getKey(),
                String.format(
                    Locale.ROOT,
                    "n %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    p.n,
                    p.p50,
                    p.p99,
                    p.max)));
      }
      b.append(
          row(
              "slow connections answered (by status)",
              r.slowAnswers + " " + r.slowStatus.toString().replace('=', ':')));
      if (r.load != null) {
        b.append(
            row(
                "load: normal requests, latency",
                String.format(
                    Locale.ROOT,
                    "n %d, p50 %.1f ms, p99 %.1f ms",
                    r.load.n,
                    r.load.p50,
                    r.load.p99)));
      }
      b.append(
          row(
              "server RSS before / after " + h.minutes + " min load (max seen)",
              String.format(
                  Locale.ROOT,
                  "%.0f / %.0f MiB (%.0f MiB)",
                  r.rssBefore / 1024.0,
                  r.rssAfter / 1024.0,
                  r.rssMax / 1024.0)));
      b.append(
          row(
              "server Java heap in use after a full GC, before / after the load",
              String.format(
                  Locale.ROOT, "%.0f / %.0f MiB", r.heapBefore / 1024.0, r.heapAfter / 1024.0)));
      b.append(row("server log lines / stack-trace lines", r.logLines + " / " + r.stackTraces));
      b.append('\n');
    }
    return b.toString();
  }

  private static long sum(Map<Integer, Long> m, int from, int to) {
    return m.entrySet().stream()
        .filter(e -> e.getKey() >= from && e.getKey() < to)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static String row(String k, String v) {
    return "| " + k + " | " + v + " |\n";
  }
}
