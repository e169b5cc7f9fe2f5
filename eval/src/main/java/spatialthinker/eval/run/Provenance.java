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
 * @param gitSha the commit of the project's code that is running (the checkout its classes or jar
 *     were built in, whatever the current directory), or {@code unknown}
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
    Optional<String> sha = Optional.empty();
    Path dir = null;
    Optional<Path> code = codeLocation();
    if (code.isPresent()) {
      dir = code.get();
      sha = git(dir, "rev-parse", "HEAD");
    }
    return collect(dir, sha);
  }

  /**
   * The directory the running code was loaded from: the classes directory, or the jar's directory.
   * Its git checkout is the project's, not the current directory's.
   */
  static Optional<Path> codeLocation() {
    try {
      var src = Provenance.class.getProtectionDomain().getCodeSource();
      if (src == null || src.getLocation() == null) {
        return Optional.empty();
      }
      Path p = Path.of(src.getLocation().toURI());
      return Optional.of(java.nio.file.Files.isDirectory(p) ? p : p.getParent());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Provenance collect(Path dir, Optional<String> sha) {
    return new Provenance(
        sha.orElse("unknown"),
        sha.isPresent() && dirty(dir),
        currentJdk(),
        currentOs(),
        Instant.now());
  }

  private static boolean dirty(Path dir) {
    return git(dir, "status", "--porcelain", "--untracked-files=no")
        .map(s -> !s.isBlank())
        .orElse(false);
  }

  private static String currentJdk() {
    return System.getProperty("java.vendor") + " " + Runtime.version();
  }

  private static String currentOs() {
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch");
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
