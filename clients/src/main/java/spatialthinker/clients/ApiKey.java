package spatialthinker.clients;

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

  /** The secret, for the request header only. */
  String secret() {
    return value;
  }

  @Override
  public String toString() {
    return "ApiKey[from $" + envVar + "]";
  }
}
