package spatialthinker.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives the same bytes: across runs, thread counts and interrupted runs. */
class DeterminismIT {

  @TempDir Path tmp;

  @Test
  void sameSeedGivesIdenticalBytesAcrossRunsAndThreadCounts() throws IOException {
    Map<String, byte[]> one = render(tmp.resolve("one"), 24, 1, 256);
    Map<String, byte[]> two = render(tmp.resolve("two"), 24, 2, 256);
    Map<String, byte[]> again = render(tmp.resolve("again"), 24, 2, 256);
    assertThat(one).hasSize(25).containsKey("scenes.jsonl").containsKey("images/000023.png");
    assertSameBytes(one, two);
    assertSameBytes(one, again);
  }

  @Test
  void resumedRunEqualsUninterruptedRun() throws IOException {
    Map<String, byte[]> whole = render(tmp.resolve("whole"), 12, 2);
    Path dir = tmp.resolve("resumed");
    render(dir, 5, 2);
    // A killed run: the next scene's image written, half of its line appended.
    Path jsonl = dir.resolve("scenes.jsonl");
    String line6 = new String(whole.get("scenes.jsonl")).lines().skip(5).findFirst().orElseThrow();
    Files.writeString(jsonl, line6.substring(0, 40), java.nio.file.StandardOpenOption.APPEND);
    Files.write(dir.resolve("images/000005.png"), new byte[] {1, 2, 3});
    SceneRenderJob job = new SceneRenderJob(dir, new SceneRenderJob.Options(12, 42, 96, 2));
    assertThat(job.prepare()).isEqualTo(5);
    SceneRenderJob.Summary s = job.run(i -> {});
    assertThat(s.existing()).isEqualTo(5);
    assertThat(s.rendered()).isEqualTo(7);
    assertSameBytes(whole, read(dir));
  }

  @Test
  void runOverCompleteDirectoryRendersNothing() throws IOException {
    Path dir = tmp.resolve("done");
    Map<String, byte[]> before = render(dir, 4, 1);
    SceneRenderJob.Summary s =
        new SceneRenderJob(dir, new SceneRenderJob.Options(3, 42, 96, 1)).run(i -> {});
    assertThat(s.rendered()).isZero();
    assertThat(s.existing()).isEqualTo(4);
    assertSameBytes(before, read(dir));
  }

  @Test
  void resumingWithAnotherSeedIsAnErrorNamingTheLine() {
    Path dir = tmp.resolve("other");
    render(dir, 2, 1);
    SceneRenderJob job = new SceneRenderJob(dir, new SceneRenderJob.Options(4, 43, 96, 1));
    org.assertj.core.api.Assertions.assertThatThrownBy(job::prepare)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scenes.jsonl line 1 is not scene 0 of --seed 43");
  }

  private Map<String, byte[]> render(Path dir, int count, int threads) {
    return render(dir, count, threads, 96);
  }

  private Map<String, byte[]> render(Path dir, int count, int threads, int size) {
    new SceneRenderJob(dir, new SceneRenderJob.Options(count, 42, size, threads)).run(i -> {});
    try {
      return read(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, byte[]> read(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static void assertSameBytes(Map<String, byte[]> a, Map<String, byte[]> b) {
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (String name : a.keySet()) {
      assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
    }
  }
}
