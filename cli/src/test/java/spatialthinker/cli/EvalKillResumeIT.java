package spatialthinker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.clients.loopback.LoopbackChatServer;
import spatialthinker.clients.loopback.LoopbackChatServer.Reply;
import spatialthinker.eval.testing.SyntheticData;

/**
 * kill -9 in the middle of a run, in a child JVM, then {@code --resume}: no item lost, none
 * duplicated, every answer scored.
 */
class EvalKillResumeIT {

  private static final Pattern ITEM = Pattern.compile("\\[item (\\d+)]");
  private static final int ITEMS = 120;

  @TempDir Path dir;

  @Test
  void killedRunResumesWithoutLosingOrDuplicatingItems() throws Exception {
    Path data = dir.resolve("test_2d.parquet");
    List<SyntheticData.Item> truth = SyntheticData.writeCvBench(data, ITEMS, 9);
    Path out = dir.resolve("run");
    Path preds = out.resolve("predictions.jsonl");
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> {
              Matcher m = ITEM.matcher(r.text());
              m.find();
              return new Reply.Answer(
                  "<answer>(" + truth.get(Integer.parseInt(m.group(1))).answer() + ")</answer>");
            },
            Duration.ofMillis(60),
            false)) {
      List<String> args =
          List.of(
              "eval",
              "run",
              "--benchmark",
              "cv-bench-2d",
              "--data",
              data.toString(),
              "--endpoint",
              server.baseUrl().toString(),
              "--model",
              "fake",
              "--template",
              "no_reasoning",
              "--concurrency",
              "6",
              "--out",
              out.toString());
      List<String> resume = new ArrayList<>(args);
      resume.add("--resume");
      // Killed twice: in the first run, and again in the resumed one.
      int kept = 0;
      int requestsBefore = 0;
      String firstStart = null;
      for (int threshold : new int[] {25, 70}) {
        Process child = startChild(kept == 0 ? args : resume);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(preds) < threshold && child.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(child.isAlive()).as("the child finished before it could be killed").isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        kept = wholeLines(preds);
        assertThat(kept).isBetween(threshold, ITEMS - 1);
        requestsBefore = server.requestCount();
        if (firstStart == null) {
          firstStart =
              new ObjectMapper()
                  .readTree(out.resolve("run.json").toFile())
                  .at("/provenance/started_at")
                  .asText();
        }
      }

      Process again = startChild(resume);
      assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(again.exitValue()).as(new String(again.getInputStream().readAllBytes())).isZero();

      ObjectMapper json = new ObjectMapper();
      Set<Long> seen = new HashSet<>();
      List<String> all = Files.readAllLines(preds);
      for (String line : all) {
        var node = json.readTree(line);
        assertThat(seen.add(node.get("index").asLong()))
            .as("duplicate item " + node.get("index"))
            .isTrue();
        assertThat(node.get("correct").asBoolean()).isTrue();
      }
      assertThat(seen).hasSize(ITEMS);
      // The resumed run asked only for what the killed run had not written.
      int resumedRequests = server.requestCount() - requestsBefore;
      assertThat(resumedRequests).isEqualTo(ITEMS - kept);
      // Every session is listed, the two killed ones without an end; the start is the first run's.
      var manifest = json.readTree(out.resolve("run.json").toFile());
      var sessions = manifest.at("/sessions");
      assertThat(sessions.size()).isEqualTo(3);
      assertThat(sessions.get(0).get("finished_at").isNull()).isTrue();
      assertThat(sessions.get(1).get("finished_at").isNull()).isTrue();
      assertThat(sessions.get(2).get("finished_at").isNull()).isFalse();
      assertThat(sessions.get(2).get("new_predictions").asLong()).isEqualTo(ITEMS - kept);
      assertThat(manifest.at("/provenance/first_started_at").asText()).isEqualTo(firstStart);
    }
  }

  private static int lines(Path p) {
    try {
      return Files.exists(p) ? (int) Files.lines(p).count() : 0;
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  /** Lines that are whole JSON objects (a torn last line is not). */
  private static int wholeLines(Path p) throws IOException {
    ObjectMapper json = new ObjectMapper();
    int n = 0;
    for (String line : Files.readAllLines(p)) {
      try {
        json.readTree(line).get("index").asLong();
        n++;
      } catch (IOException | NullPointerException e) {
        // the torn line of the kill
      }
    }
    return n;
  }

  private static Process startChild(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }
}
