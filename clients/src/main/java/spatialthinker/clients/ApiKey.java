package spatialthinker.clients;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key read from an environment variable. Only the variable's name is ever printed or
 * written: {@link #toString()} shows it, never the value.
 */
public final class ApiKey {

  private final String envVar;
  private final String value;

  private ApiKey(String envVar, String value) {
    this.envVar = envVar;
    this.value = value;
  }

  /** The key in the named environment variable, if set and not blank. */
  public static Optional<ApiKey> fromEnv(String envVar) {
    return fromEnv(envVar, System.getenv(envVar));
  }

  /** For tests: a key as if read from {@code envVar}. */
  public static Optional<ApiKey> fromEnv(String envVar, String value) {
    Objects.requireNonNull(envVar, "envVar");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new ApiKey(envVar, value.strip()));
  }

  /** The environment variable the key came from. */
  public String envVar() {
    return envVar;
  }

  /**
   * Refuses to send this key where it could be read on the way: over plain {@code http} to any host
   * but this machine's loopback. Servers on loopback (a local vLLM, a test double) may use http.
   *
   * @throws IllegalArgumentException naming the endpoint and the key's variable
   */
  public void checkTransport(URI endpoint) {
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme();
    if (scheme.equalsIgnoreCase("https")) {
      return;
    }
    if (scheme.equalsIgnoreCase("http") && isLoopback(endpoint.getHost())) {
      return;
    }
    throw new IllegalArgumentException(
        "endpoint "
            + endpoint
            + ": refusing to send the API key from $"
            + envVar
            + " without https to a host other than this machine; use https://");
  }

  private static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /** The secret, for the request header only. */
  String secret() {
    return value;
  }

  @Override
  public String toString() {
    return "ApiKey[from $" + envVar + "]";
  }
}
