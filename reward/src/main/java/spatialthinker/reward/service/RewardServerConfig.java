package spatialthinker.reward.service;

import java.time.Duration;

/**
 * Where and how the reward service listens.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} (this machine only) or {@code 0.0.0.0}
 *     (every interface, so that training nodes elsewhere can reach it)
 * @param port the TCP port; 0 picks a free one, read it back with {@link RewardServer#port()}
 * @param maxBodyBytes the largest request body accepted; a longer one is answered 413
 * @param threads worker threads that score the records of one large batch in parallel (requests
 *     themselves are served in parallel by the HTTP server's own pool)
 * @param readTimeout the whole body must arrive within this time, else 408
 * @param workTimeout scoring one request stops after this time (503)
 * @param maxConnections open connections at most; more wait in the accept queue
 */
public record RewardServerConfig(
    String host,
    int port,
    long maxBodyBytes,
    int threads,
    Duration readTimeout,
    Duration workTimeout,
    int maxConnections) {

  /** 20 s for a whole body. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

  /** 120 s of scoring per request. */
  public static final Duration DEFAULT_WORK_TIMEOUT = Duration.ofSeconds(120);

  /** 1,024 open connections. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;

  /** 32 MiB: a batch of 1,024 records of 32 KiB each. */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L << 20;

  /** 8000, the port the integration adapters call by default. */
  public static final int DEFAULT_PORT = 8000;

  /** Loopback; bind {@code 0.0.0.0} explicitly to serve other machines. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  // Bodies are buffered in one array, so the cap stays below the largest Java array.
  private static final long LARGEST_BODY = Integer.MAX_VALUE - 16L;

  public RewardServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    if (maxBodyBytes < 1 || maxBodyBytes > LARGEST_BODY) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be in [1, " + LARGEST_BODY + "], got " + maxBodyBytes);
    }
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
    }
    if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("readTimeout must be positive, got " + readTimeout);
    }
    if (workTimeout == null || workTimeout.isNegative() || workTimeout.isZero()) {
      throw new IllegalArgumentException("workTimeout must be positive, got " + workTimeout);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be >= 1, got " + maxConnections);
    }
  }

  /** Default timeouts and connection limit. */
  public RewardServerConfig(String host, int port, long maxBodyBytes, int threads) {
    this(
        host,
        port,
        maxBodyBytes,
        threads,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_WORK_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS);
  }

  /** Loopback, port 8000, 32 MiB bodies, one scoring thread per available processor. */
  public static RewardServerConfig defaults() {
    return new RewardServerConfig(
        DEFAULT_HOST,
        DEFAULT_PORT,
        DEFAULT_MAX_BODY_BYTES,
        Runtime.getRuntime().availableProcessors());
  }

  /** This configuration listening on {@code newHost}. */
  public RewardServerConfig withHost(String newHost) {
    return new RewardServerConfig(
        newHost, port, maxBodyBytes, threads, readTimeout, workTimeout, maxConnections);
  }

  /** This configuration listening on {@code newPort} (0 for an ephemeral port). */
  public RewardServerConfig withPort(int newPort) {
    return new RewardServerConfig(
        host, newPort, maxBodyBytes, threads, readTimeout, workTimeout, maxConnections);
  }

  /** This configuration with a different body limit. */
  public RewardServerConfig withMaxBodyBytes(long newMaxBodyBytes) {
    return new RewardServerConfig(
        host, port, newMaxBodyBytes, threads, readTimeout, workTimeout, maxConnections);
  }

  /** This configuration with a different number of scoring threads. */
  public RewardServerConfig withThreads(int newThreads) {
    return new RewardServerConfig(
        host, port, maxBodyBytes, newThreads, readTimeout, workTimeout, maxConnections);
  }

  /** This configuration with other read and work deadlines. */
  public RewardServerConfig withTimeouts(Duration newReadTimeout, Duration newWorkTimeout) {
    return new RewardServerConfig(
        host, port, maxBodyBytes, threads, newReadTimeout, newWorkTimeout, maxConnections);
  }
}
