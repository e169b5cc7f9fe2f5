package spatialthinker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import spatialthinker.core.parse.ParseLimits;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardPresets;
import spatialthinker.reward.service.RewardServer;
import spatialthinker.reward.service.RewardServerConfig;

/**
 * Load test of the reward service on loopback: starts the service in-process, then {@code clients}
 * threads post OpenRLHF-shaped {@code /get_reward} requests of {@code batch} rollouts (Qwen chat
 * template, 3 objects each) for {@code seconds}; prints rewards/s and latency percentiles.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar spatialthinker.bench.ServiceLoad [clients] [batch]
 * [seconds] [labels]}
 */
public final class ServiceLoad {

  private ServiceLoad() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String labels = args.length > 3 ? args[3] : "wordnet";
    RewardPresets presets = Labels.presets(labels, ParseLimits.DEFAULT);
    Reward dense = presets.create("dense");
    List<RewardInput> records = RealisticRecords.generate(4096, 3, 7L);
    records.forEach(dense::score);
    ObjectMapper json = new ObjectMapper();
    List<byte[]> bodies = new ArrayList<>();
    for (int start = 0; start + batch <= records.size(); start += batch) {
      ObjectNode body = json.createObjectNode();
      ArrayNode query = body.putArray("query");
      ArrayNode prompts = body.putArray("prompts");
      ArrayNode labelsNode = body.putArray("labels");
      for (RewardInput r : records.subList(start, start + batch)) {
        query.add(
            "<|im_start|>user\n"
                + r.problem()
                + "<|im_end|>\n<|im_start|>assistant\n"
                + r.response()
                + "<|im_end|>");
        prompts.add(r.problem());
        labelsNode.add(r.groundTruth());
      }
      bodies.add(json.writeValueAsBytes(body));
    }
    RewardServerConfig config = RewardServerConfig.defaults().withPort(0);
    try (RewardServer server = RewardServer.start(config, dense, presets::create)) {
      URI uri = server.uri().resolve("/get_reward");
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      run(http, uri, bodies, clients, 3, new long[0]); // warm-up
      long[] latencies = new long[1 << 22];
      AtomicLong count = new AtomicLong();
      long t0 = System.nanoTime();
      int n = run(http, uri, bodies, clients, seconds, latencies, count);
      double elapsed = (System.nanoTime() - t0) / 1e9;
      long[] lat = Arrays.copyOf(latencies, n);
      Arrays.sort(lat);
      System.out.printf(
          Locale.ROOT,
          "clients=%d batch=%d labels=%s requests=%d rewards/s=%.0f p50=%.1fms p99=%.1fms"
              + " max=%.1fms (%d cores)%n",
          clients,
          batch,
          labels,
          n,
          n * (double) batch / elapsed,
          lat[n / 2] / 1e6,
          lat[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6,
          lat[n - 1] / 1e6,
          Runtime.getRuntime().availableProcessors());
    }
  }

  private static int run(
      HttpClient http, URI uri, List<byte[]> bodies, int clients, int seconds, long[] latencies)
      throws Exception {
    return run(http, uri, bodies, clients, seconds, latencies, new AtomicLong());
  }

  private static int run(
      HttpClient http,
      URI uri,
      List<byte[]> bodies,
      int clients,
      int seconds,
      long[] latencies,
      AtomicLong count)
      throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      futures.add(
          pool.submit(
              () -> {
                int i = client;
                while (System.nanoTime() < deadline) {
                  byte[] body = bodies.get(i++ % bodies.size());
                  long start = System.nanoTime();
                  HttpResponse<String> r =
                      http.send(
                          HttpRequest.newBuilder(uri)
                              .header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  long took = System.nanoTime() - start;
                  if (r.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                  }
                  long k = count.getAndIncrement();
                  if (k < latencies.length) {
                    latencies[(int) k] = took;
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return (int) Math.min(count.get(), latencies.length);
  }
}
