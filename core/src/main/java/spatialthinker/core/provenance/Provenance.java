package spatialthinker.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What produced a data set, checkpoint or result: the configuration, the seed, the hash of the data
 * it read or wrote, the git commit of the project's code that ran (the checkout its classes or jar
 * were built in, whatever the current directory) and whether it had uncommitted changes, the JDK
 * and the OS. The data, training and evaluation modules all write this one record.
 *
 * @param config the settings, by name
 * @param seed the run seed
 * @param dataHash SHA-256 of the data ({@link #sha256(Path)}), or {@code none}
 * @param gitSha the project's commit, or {@code unknown}
 * @param gitDirty whether tracked files had uncommitted changes
 * @param jdk vendor and version of the running JDK
 * @param os name, version and architecture
 * @param created when it was collected, ISO-8601
 */
public record Provenance(
    Map<String, Object> config,
    long seed,
    String dataHash,
    String gitSha,
    boolean gitDirty,
    String jdk,
    String os,
    String created) {

  public Provenance {
    config =
        java.util.Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(config, "config")));
    Objects.requireNonNull(dataHash, "dataHash");
    Objects.requireNonNull(gitSha, "gitSha");
    Objects.requireNonNull(jdk, "jdk");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(created, "created");
  }

  /** The provenance of this process, now. */
  public static Provenance here(Map<String, Object> config, long seed, String dataHash) {
    Optional<Path> code = codeLocation();
    Optional<String> sha = code.flatMap(d -> git(d, "rev-parse", "HEAD"));
    boolean dirty =
        sha.isPresent()
            && git(code.get(), "status", "--porcelain", "--untracked-files=no")
                .map(s -> !s.isBlank())
                .orElse(false);
    return new Provenance(
        config,
        seed,
        dataHash,
        sha.filter(s -> s.matches("[0-9a-f]{40}")).orElse("unknown"),
        dirty,
        System.getProperty("java.vendor") + " " + Runtime.version(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        Instant.now().toString());
  }

  /** The provenance of this process without configuration or data. */
  public static Provenance here() {
    return here(Map.of(), 0, "none");
  }

  /** When it was collected. */
  public Instant createdAt() {
    return Instant.parse(created);
  }

  /**
   * SHA-256 of a file's bytes; of a directory, of its regular files' names and bytes, in name order
   * (a split directory of parquet files).
   *
   * @throws UncheckedIOException when a file cannot be read
   */
  public static String sha256(Path fileOrDir) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      if (Files.isDirectory(fileOrDir)) {
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(fileOrDir)) {
          list.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path f : files) {
          md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
          md.update((byte) 0);
          update(md, f);
        }
      } else {
        update(md, fileOrDir);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + fileOrDir + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest md, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
    }
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
      return Optional.of(Files.isDirectory(p) ? p : p.getParent());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> git(Path dir, String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
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
