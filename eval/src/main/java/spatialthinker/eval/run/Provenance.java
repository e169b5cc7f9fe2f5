package spatialthinker.eval.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: the code's git commit, the JDK and the OS.
 *
 * @param gitSha the commit of the working directory, or {@code unknown}
 * @param gitDirty whether tracked files had uncommitted changes
 * @param jdk vendor and version of the running JDK
 * @param os name, version and architecture
 * @param startedAt when the run started
 */
public record Provenance(
    String gitSha, boolean gitDirty, String jdk, String os, Instant startedAt) {

  public Provenance {
    Objects.requireNonNull(gitSha, "gitSha");
    Objects.requireNonNull(jdk, "jdk");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** The provenance of this process, now. */
  public static Provenance collect() {
    Path dir = Path.of(System.getProperty("user.dir"));
    Optional<String> sha = git(dir, "rev-parse", "HEAD");
    boolean dirty =
        sha.isPresent()
            && git(dir, "status", "--porcelain", "--untracked-files=no")
                .map(s -> !s.isBlank())
                .orElse(false);
    return new Provenance(
        sha.orElse("unknown"),
        dirty,
        System.getProperty("java.vendor") + " " + Runtime.version(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        Instant.now());
  }

  private static Optional<String> git(Path dir, String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroy();
        return Optional.empty();
      }
      return Optional.of(new String(out, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      return Optional.empty(); // no git on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
