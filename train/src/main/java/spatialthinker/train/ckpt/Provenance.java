package spatialthinker.train.ckpt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What produced a checkpoint or result: the configuration, seed, data hash, source revision and
 * runtime.
 */
public record Provenance(
    Map<String, Object> config,
    long seed,
    String dataHash,
    String gitSha,
    String jdk,
    String os,
    String created) {

  public Provenance {
    config = Map.copyOf(Objects.requireNonNull(config, "config"));
    Objects.requireNonNull(dataHash, "dataHash");
    Objects.requireNonNull(gitSha, "gitSha");
  }

  /** Provenance of the current process. */
  public static Provenance here(Map<String, Object> config, long seed, String dataHash) {
    return new Provenance(
        config,
        seed,
        dataHash,
        currentGitSha(),
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        Instant.now().toString());
  }

  /** The commit of the working directory's repository, or {@code unknown}. */
  static String currentGitSha() {
    try {
      Process p =
          new ProcessBuilder("git", "rev-parse", "HEAD")
              .directory(Path.of("").toAbsolutePath().toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        return out;
      }
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }
}
