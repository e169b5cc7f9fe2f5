package spatialthinker.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.clients.OpenAiChatModel;
import spatialthinker.clients.RetrySettings;
import spatialthinker.clients.loopback.LoopbackChatServer;
import spatialthinker.clients.loopback.LoopbackChatServer.Reply;
import spatialthinker.eval.benchmark.BenchmarkRegistry;
import spatialthinker.eval.benchmark.PromptTemplate;
import spatialthinker.eval.load.BenchmarkDataException;
import spatialthinker.eval.testing.SyntheticData;

/** Rows that cannot be scored are listed and left out; with --strict they stop the run. */
class BadRowsIT {

  @TempDir Path dir;

  private Path plantBadRows() throws Exception {
    Path clean = dir.resolve("clean.parquet");
    SyntheticData.writeCvBench(clean, 10, 5);
    Path data = dir.resolve("cv").resolve("test_2d.parquet");
    Files.createDirectories(data.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      // row 3: an answer naming no option; row 6: a single option; row 8: no image.
      st.execute(
          "COPY (SELECT * REPLACE ("
              + " CASE WHEN idx = 3 THEN '(H)' ELSE answer END AS answer,"
              + " CASE WHEN idx = 6 THEN ['only'] ELSE choices END AS choices,"
              + " CASE WHEN idx = 8 THEN NULL ELSE image END AS image) FROM '"
              + clean
              + "' ORDER BY idx) TO '"
              + data
              + "' (FORMAT parquet)");
    }
    return data.getParent();
  }

  private EvalRunner.Result run(Path data, Path out, boolean strict) {
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> new Reply.Answer("<answer>A</answer>"), Duration.ofMillis(1), true)) {
      RunConfig cfg =
          RunConfig.of(BenchmarkRegistry.get("cv-bench-2d"), data, PromptTemplate.REASONING, out, 3)
              .withStrict(strict);
      OpenAiChatModel model =
          new OpenAiChatModel(
              new OpenAiChatModel.Config(
                  server.baseUrl(), "fake", Optional.empty(), Duration.ofSeconds(10)));
      return new EvalRunner(
              model, cfg, Optional.empty(), RetrySettings.NONE, new EvalRunner.Listener() {})
          .run();
    }
  }

  @Test
  void badRowsAreListedAndLeftOutOfTheScore() throws Exception {
    Path data = plantBadRows();
    Path out = dir.resolve("run");
    EvalRunner.Result r = run(data, out, false);

    assertThat(r.summary().items()).isEqualTo(7);
    assertThat(r.summary().badRows()).isEqualTo(3);
    assertThat(r.summary().badRowExamples())
        .hasSize(3)
        .satisfiesExactly(
            a -> assertThat(a).startsWith("row 3 (id 3): answer '(H)' names none of the"),
            b -> assertThat(b).isEqualTo("row 6 (id 6): needs 2 to 26 options, has 1"),
            c -> assertThat(c).startsWith("row 8 (id 8): has no image"));
    assertThat(PredictionLog.readAll(out.resolve("predictions.jsonl")))
        .extracting(p -> p.index())
        .containsExactlyInAnyOrder(0L, 1L, 2L, 4L, 5L, 7L, 9L);
    List<String> bad = Files.readAllLines(out.resolve(EvalRunner.BAD_ROWS_FILE));
    assertThat(bad).hasSize(3);
    assertThat(bad.get(1)).contains("\"index\":6").contains("needs 2 to 26 options");
    assertThat(Files.readString(out.resolve("summary.md")))
        .contains("Bad rows (left out of every score): 3")
        .contains("- row 3 (id 3): answer '(H)'");
    assertThat(Files.readString(out.resolve("summary.json"))).contains("\"bad_rows\" : 3");
    // eval report reads them back
    assertThat(spatialthinker.eval.report.RunReport.of(List.of(out)).markdown())
        .contains("(n=7, 3 bad rows left out)");
  }

  @Test
  void strictStopsBeforeTheFirstRequestInOneLine() throws Exception {
    Path data = plantBadRows();
    Path out = dir.resolve("strict");
    assertThatThrownBy(() -> run(data, out, true))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessageContaining("3 row(s) cannot be scored, first row 3 (id 3): answer '(H)'")
        .hasMessageEndingWith("(--strict)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(out).doesNotExist();
  }
}
