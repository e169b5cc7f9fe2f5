package spatialthinker.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.clients.OpenAiChatModel;
import spatialthinker.clients.RetrySettings;
import spatialthinker.clients.loopback.LoopbackChatServer;
import spatialthinker.clients.loopback.LoopbackChatServer.Reply;
import spatialthinker.eval.benchmark.BenchmarkRegistry;
import spatialthinker.eval.benchmark.PromptTemplate;
import spatialthinker.eval.load.BenchmarkData;
import spatialthinker.eval.score.Prediction;
import spatialthinker.eval.score.Summary;
import spatialthinker.eval.testing.SyntheticData;

/**
 * Every benchmark family in its Hub layout (the column names and types of the real files), with
 * rows planted that cannot be scored: the run completes, the bad rows are listed with their
 * reasons, and the score covers the other rows. The stand-in model always answers {@code
 * <answer>A</answer>}, so the expected accuracy is the share of good rows whose truth is A (or the
 * free-form answer {@code a}).
 */
class RealLayoutsIT {

  @TempDir Path dir;

  private static final byte[] PNG = SyntheticData.png(48, 32, 0x336699);

  /** A parquet file written from rows; image columns become HF Image structs, lists VARCHAR[]. */
  private static void write(
      Path file, String columns, Set<String> images, Set<String> lists, List<Object[]> rows)
      throws Exception {
    Files.createDirectories(file.toAbsolutePath().getParent());
    List<String> names = new ArrayList<>();
    List<String> defs = new ArrayList<>();
    for (String c : columns.split(",\\s*")) {
      String[] nt = c.strip().split("\\s+", 2);
      names.add(nt[0]);
      String type = images.contains(nt[0]) ? "BLOB" : lists.contains(nt[0]) ? "VARCHAR[]" : nt[1];
      defs.add("\"" + nt[0] + "\" " + type);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (" + String.join(", ", defs) + ")");
      String marks =
          String.join(
              ", ", names.stream().map(n -> lists.contains(n) ? "?::VARCHAR[]" : "?").toList());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (" + marks + ")")) {
        for (Object[] row : rows) {
          for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v instanceof List<?> l) {
              StringBuilder b = new StringBuilder("[");
              for (Object o : l) {
                b.append(b.length() > 1 ? ", " : "").append('"').append(o).append('"');
              }
              v = b.append(']').toString();
            }
            ps.setObject(i + 1, v);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      List<String> sel = new ArrayList<>();
      for (String n : names) {
        sel.add(
            images.contains(n)
                ? "CASE WHEN \""
                    + n
                    + "\" IS NULL THEN NULL ELSE {'bytes': \""
                    + n
                    + "\", 'path': NULL::VARCHAR} END AS \""
                    + n
                    + "\""
                : "\"" + n + "\"");
      }
      st.execute(
          "COPY (SELECT "
              + String.join(", ", sel)
              + " FROM t ORDER BY rowid) TO "
              + BenchmarkData.sqlString(file.toString())
              + " (FORMAT parquet)");
    }
  }

  private EvalRunner.Result run(String benchmark, Path data, PromptTemplate template) {
    try (LoopbackChatServer server =
        LoopbackChatServer.start(
            r -> new Reply.Answer("<answer>A</answer>"), Duration.ofMillis(1), true)) {
      RunConfig cfg =
          RunConfig.of(BenchmarkRegistry.get(benchmark), data, template, dir.resolve(benchmark), 4);
      OpenAiChatModel model =
          new OpenAiChatModel(
              new OpenAiChatModel.Config(
                  server.baseUrl(), "fake", Optional.empty(), Duration.ofSeconds(10)));
      return new EvalRunner(
              model, cfg, Optional.empty(), RetrySettings.NONE, new EvalRunner.Listener() {})
          .run();
    }
  }

  /** Checks a finished run: the good rows scored, the bad ones listed with these reasons. */
  private void check(EvalRunner.Result r, int good, int rightIfA, List<String> badReasonStarts)
      throws Exception {
    Summary s = r.summary();
    assertThat(s.items()).as("items scored").isEqualTo(good);
    assertThat(s.accuracy().value()).as("accuracy").isEqualTo((double) rightIfA / good);
    assertThat(s.badRows()).isEqualTo(badReasonStarts.size());
    List<String> lines = Files.readAllLines(r.dir().resolve(EvalRunner.BAD_ROWS_FILE));
    assertThat(lines).hasSize(badReasonStarts.size());
    for (int i = 0; i < lines.size(); i++) {
      String reason =
          spatialthinker.eval.score.PredictionJson.JSON
              .readTree(lines.get(i))
              .path("reason")
              .asText();
      assertThat(reason).as(lines.get(i)).startsWith(badReasonStarts.get(i));
    }
    assertThat(Files.readString(r.dir().resolve("summary.md")))
        .contains("Bad rows (left out of every score): " + badReasonStarts.size());
  }

  private static Object[] row(Object... v) {
    return v;
  }

  @Test
  void cvBench() throws Exception {
    Path clean = dir.resolve("clean.parquet");
    List<SyntheticData.Item> truth = SyntheticData.writeCvBench(clean, 8, 3);
    Path data = dir.resolve("cv").resolve("test_2d.parquet");
    Files.createDirectories(data.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "COPY (SELECT * REPLACE (CASE WHEN idx = 2 THEN '(Q)' ELSE answer END AS answer)"
              + " FROM '"
              + clean
              + "' ORDER BY idx) TO '"
              + data
              + "' (FORMAT parquet)");
    }
    long rightIfA = truth.stream().filter(t -> t.index() != 2 && t.answer().equals("A")).count();
    check(
        run("cv-bench-2d", data.getParent(), PromptTemplate.SPATIAL_THINKER),
        7,
        (int) rightIfA,
        List.of("answer '(Q)' names none of the"));
  }

  @Test
  void blinkMultiView() throws Exception {
    Path data =
        dir.resolve("blink").resolve("Multi-view_Reasoning").resolve("val-00000-of-00001.parquet");
    List<Object[]> rows = new ArrayList<>();
    List<String> two = List.of("left", "right");
    rows.add(
        row(
            "val_Multi-view_Reasoning_1",
            "q",
            "Multi-view Reasoning",
            PNG,
            PNG,
            null,
            null,
            two,
            "(A)",
            "Which way? (A) left (B) right",
            ""));
    rows.add(
        row(
            "val_Multi-view_Reasoning_2",
            "q",
            "Multi-view Reasoning",
            PNG,
            PNG,
            null,
            null,
            two,
            "(B)",
            "Which way? (A) left (B) right",
            ""));
    rows.add(
        row(
            "val_Multi-view_Reasoning_3",
            "q",
            "Multi-view Reasoning",
            null,
            null,
            null,
            null,
            two,
            "(A)",
            "Which way?",
            ""));
    rows.add(
        row(
            "val_Multi-view_Reasoning_4",
            "q",
            "Multi-view Reasoning",
            PNG,
            PNG,
            null,
            null,
            List.of("left"),
            "(A)",
            "Which way?",
            ""));
    write(
        data,
        "idx VARCHAR, question VARCHAR, sub_task VARCHAR, image_1 B, image_2 B, image_3 B,"
            + " image_4 B, choices L, answer VARCHAR, prompt VARCHAR, explanation VARCHAR",
        Set.of("image_1", "image_2", "image_3", "image_4"),
        Set.of("choices"),
        rows);
    EvalRunner.Result r = run("blink-multi-view", dir.resolve("blink"), PromptTemplate.REASONING);
    check(r, 2, 1, List.of("has no image", "needs 2 to 26 options, has 1"));
  }

  @Test
  void threeDsrBenchWithQidAndCategory() throws Exception {
    Path data = dir.resolve("3dsr").resolve("data").resolve("test-00000-of-00001.parquet");
    List<String> yn = List.of("yes", "no");
    List<Object[]> rows = new ArrayList<>();
    rows.add(
        row(
            0L,
            "AAAAAAAA",
            PNG,
            "Is it above? (A) yes (B) no",
            yn,
            "(A)",
            "location",
            "location_above"));
    rows.add(
        row(
            1L,
            "AAAAAAAA-flip",
            PNG,
            "Is it below? (A) yes (B) no",
            yn,
            "(B)",
            "location",
            "location_above"));
    rows.add(
        row(2L, "BBBBBBBB", PNG, "Higher? (A) yes (B) no", yn, "(A)", "height", "height_higher"));
    rows.add(
        row(
            3L,
            "CCCCCCCC",
            PNG,
            "Facing? (A) yes (B) no",
            yn,
            "maybe",
            "multi_object",
            "multi_object_facing"));
    write(
        data,
        "index BIGINT, qid VARCHAR, image B, prompt VARCHAR, choices L, answer VARCHAR,"
            + " task VARCHAR, category VARCHAR",
        Set.of("image"),
        Set.of("choices"),
        rows);
    EvalRunner.Result r = run("3dsrbench", dir.resolve("3dsr"), PromptTemplate.NO_REASONING);
    check(r, 3, 2, List.of("answer 'maybe' names none of the 2 options"));
    // flip: AAAAAAAA {right, wrong} wrong, BBBBBBBB right: 1 of 2
    assertThat(
            r.summary().scores().get("3DSRBench flip accuracy (question and flip right)").value())
        .isEqualTo(0.5);
    assertThat(r.summary().scores().get("3DSRBench height / height_higher").value()).isEqualTo(1.0);
  }

  @Test
  void mmvpParenthesisedLettersInTheText() throws Exception {
    Path data = dir.resolve("mmvp").resolve("data").resolve("train-00000-of-00001.parquet");
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(PNG, "Is the door open or closed? (a) Open (b) Closed", "(a)"));
    rows.add(row(PNG, "Is the door open or closed? (a) Open (b) Closed", "(b)"));
    rows.add(row(PNG, "Which side is the cup on? (a) left (b) right", ""));
    rows.add(row(null, "Is it red? (a) yes (b) no", "(a)"));
    write(data, "image B, text VARCHAR, label VARCHAR", Set.of("image"), Set.of(), rows);
    EvalRunner.Result r = run("mmvp", dir.resolve("mmvp"), PromptTemplate.NO_REASONING);
    check(r, 2, 1, List.of("free-form answer '' is empty once normalised", "has no image"));
  }

  @Test
  void spatialBenchFreeFormKeepsAnArticleAlone() throws Exception {
    Path data = dir.resolve("sb").resolve("data").resolve("train-00000-of-00001.parquet");
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(PNG, "Which letter is on the sign", "A", "existence"));
    rows.add(row(PNG, "How many cups are there", "2", "counting"));
    rows.add(row(PNG, "Can the robot reach it? Options: A. yes, B. no", "A", "reach"));
    rows.add(row(PNG, "What is it", "...", "size"));
    write(
        data,
        "image B, text VARCHAR, answer VARCHAR, category VARCHAR",
        Set.of("image"),
        Set.of(),
        rows);
    EvalRunner.Result r = run("spatialbench", dir.resolve("sb"), PromptTemplate.NO_REASONING);
    // "A" as a free-form truth is "a" and the reply A matches it; the inline options are parsed
    check(r, 3, 2, List.of("free-form answer '...' is empty once normalised"));
    List<Prediction> preds = PredictionLog.readAll(r.dir().resolve("predictions.jsonl"));
    assertThat(preds)
        .filteredOn(p -> p.index() == 2)
        .singleElement()
        .satisfies(p -> assertThat(p.choices()).containsExactly("yes", "no"));
  }

  @Test
  void realWorldQa() throws Exception {
    Path data = dir.resolve("rwqa").resolve("data").resolve("test-00000-of-00001.parquet");
    String q =
        "Which way?\nA. Left\nB. Right\nPlease answer directly with only the letter of the correct option and nothing else.";
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(PNG, q, "A"));
    rows.add(row(PNG, q, "B"));
    rows.add(row(PNG, "How many cars are there?", "3"));
    rows.add(row(null, q, "A"));
    write(data, "image B, question VARCHAR, answer VARCHAR", Set.of("image"), Set.of(), rows);
    EvalRunner.Result r = run("realworld_qa", dir.resolve("rwqa"), PromptTemplate.REASONING_END);
    check(r, 3, 1, List.of("has no image"));
  }

  @Test
  void roboSpatialRgbAndDepth() throws Exception {
    Path data = dir.resolve("robo").resolve("data").resolve("train-00000-of-00001.parquet");
    List<String> yn = List.of("yes", "no");
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(PNG, PNG, "Can the cup fit? (A) yes (B) no", "yes", yn, "compatibility"));
    rows.add(
        row(PNG, PNG, "Is the mug left of the plate? (A) yes (B) no", "(B)", yn, "configuration"));
    rows.add(row(PNG, PNG, "Broken?", "(A)", List.of("yes"), "configuration"));
    write(
        data,
        "image B, depth_image B, prompt VARCHAR, answer VARCHAR, options L, category VARCHAR",
        Set.of("image", "depth_image"),
        Set.of("options"),
        rows);
    check(
        run("robospatial", dir.resolve("robo"), PromptTemplate.SPATIAL_THINKER),
        2,
        1,
        List.of("needs 2 to 26 options, has 1"));
  }

  @Test
  void legoAndSpatialReasonerWithAStringOptionList() throws Exception {
    Path lego = dir.resolve("lego").resolve("data").resolve("train-00000-of-00001.parquet");
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(PNG, "Which is higher? (A) red (B) blue", "A", List.of("red", "blue"), "height"));
    rows.add(
        row(PNG, "Which is next? (A) 1 (B) 2 (C) 3", "2", List.of("1", "2", "3"), "next_step"));
    rows.add(row(PNG, "Which? (A) x (B) y", "1", List.of("x", "y"), "outlier"));
    write(
        lego,
        "image B, prompt VARCHAR, answer VARCHAR, choices L, category VARCHAR",
        Set.of("image"),
        Set.of("choices"),
        rows);
    // "2" is the text of option B; "1" with options x, y is not read as an index
    check(
        run("lego", dir.resolve("lego"), PromptTemplate.NO_REASONING),
        2,
        1,
        List.of("answer '1' names none of the 2 options"));

    Path sr = dir.resolve("sr").resolve("data").resolve("train-00000-of-00001.parquet");
    rows = new ArrayList<>();
    rows.add(row(PNG, "Closer? (A) chair (B) table", "(A)", "['chair', 'table']", "Depth"));
    rows.add(row(PNG, "Farther? (A) chair (B) table", "(B)", "['chair', 'table']", "Distance"));
    rows.add(row(PNG, "Farther?", "(B)", "chair or table", "Distance"));
    write(
        sr,
        "image B, prompt VARCHAR, answer VARCHAR, choices VARCHAR, task VARCHAR",
        Set.of("image"),
        Set.of(),
        rows);
    check(
        run("spatialreasoner", dir.resolve("sr"), PromptTemplate.NO_REASONING),
        2,
        1,
        List.of("options 'chair or table' are not a list"));
  }

  @Test
  void stvqaPaperLayout() throws Exception {
    Path clean = dir.resolve("stvqa-clean.parquet");
    List<SyntheticData.Item> truth = SyntheticData.writeStvqa(clean, 5, 2);
    Path data = dir.resolve("stvqa").resolve("data").resolve("val-00000-of-00001.parquet");
    Files.createDirectories(data.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      // the paper's file has no split column; row 1 gets an answer naming no option
      st.execute(
          "COPY (SELECT * EXCLUDE (split) REPLACE (CASE WHEN image_id = 'synthetic-1' THEN 'Z'"
              + " ELSE answer_only END AS answer_only) FROM '"
              + clean
              + "' ORDER BY image_id) TO '"
              + data
              + "' (FORMAT parquet)");
    }
    // all five rows are in the paper's split (rows 0-3 are SyntheticData's val items, row 4 its
    // train one)
    try (BenchmarkData d =
        BenchmarkData.open(BenchmarkRegistry.get("stvqa"), dir.resolve("stvqa"))) {
      assertThat(d.rowCount()).isEqualTo(5);
    }
    EvalRunner.Result r = run("stvqa", dir.resolve("stvqa"), PromptTemplate.SPATIAL_THINKER);
    long rightIfA = 0;
    try (BenchmarkData d =
        BenchmarkData.open(BenchmarkRegistry.get("stvqa"), dir.resolve("stvqa"))) {
      rightIfA = d.items().stream().filter(m -> m.answer().equals("A")).count();
    }
    check(r, 4, (int) rightIfA, List.of("answer 'Z' names none of the 2 options"));
    assertThat(truth).isNotEmpty();
    assertThat(r.summary().grounding()).isPresent();
  }

  @Test
  void hallusionBench() throws Exception {
    Path data = dir.resolve("hb").resolve("data").resolve("image-00000-of-00001.parquet");
    List<Object[]> rows = new ArrayList<>();
    rows.add(
        row(
            "VD",
            "illusion",
            "1",
            0L,
            0L,
            "",
            0L,
            "Is the left line longer?",
            "",
            "1",
            "a.png",
            PNG));
    rows.add(
        row(
            "VD",
            "illusion",
            "1",
            0L,
            1L,
            "",
            0L,
            "Is the left line longer?",
            "",
            "0",
            "b.png",
            PNG));
    rows.add(row("VS", "chart", "1", 1L, 0L, "", 0L, "Is 2010 higher?", "", "2", "c.png", PNG));
    write(
        data,
        "category VARCHAR, subcategory VARCHAR, visual_input VARCHAR, set_id BIGINT,"
            + " figure_id BIGINT, sample_note VARCHAR, question_id BIGINT, question VARCHAR,"
            + " gt_answer_details VARCHAR, gt_answer VARCHAR, filename VARCHAR, image B",
        Set.of("image"),
        Set.of(),
        rows);
    EvalRunner.Result r = run("hallusionbench", dir.resolve("hb"), PromptTemplate.YES_NO);
    check(r, 2, 1, List.of("yes/no flag '2' is not 1 or 0"));
    // one question asked about two figures, one right: qAcc 0 of 1, fAcc 1 of 2, aAcc 1 of 2
    assertThat(r.summary().scores().get("HallusionBench qAcc (question pairs all right)").value())
        .isZero();
    assertThat(r.summary().scores().get("HallusionBench fAcc (figures all right)").value())
        .isEqualTo(0.5);
  }

  @Test
  void mmmuProStandardAndVision() throws Exception {
    Path std =
        dir.resolve("mmmu").resolve("standard (4 options)").resolve("test-00000-of-00001.parquet");
    String four = "['cell', 'leaf', 'cat', 'car']";
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 27; i++) {
      many.add("'o" + i + "'");
    }
    List<Object[]> rows = new ArrayList<>();
    rows.add(
        row(
            "test_Art_1",
            "What is in <image 1>?",
            four,
            "",
            PNG,
            PNG,
            null,
            null,
            null,
            null,
            null,
            "['1 image']",
            "A",
            "Easy",
            "Art"));
    rows.add(
        row(
            "test_Art_2",
            "What is in <image 1>?",
            four,
            "",
            PNG,
            null,
            null,
            null,
            null,
            null,
            null,
            "['1 image']",
            "C",
            "Hard",
            "Art"));
    rows.add(
        row(
            "test_Bio_1",
            "What is in <image 1>?",
            four,
            "",
            PNG,
            null,
            null,
            null,
            null,
            null,
            null,
            "['1 image']",
            "E",
            "Medium",
            "Biology"));
    rows.add(
        row(
            "test_Bio_2",
            "What?",
            "[" + String.join(", ", many.stream().map(Object::toString).toList()) + "]",
            "",
            PNG,
            null,
            null,
            null,
            null,
            null,
            null,
            "[]",
            "A",
            "Medium",
            "Biology"));
    String cols =
        "id VARCHAR, question VARCHAR, options VARCHAR, explanation VARCHAR, image_1 B, image_2 B,"
            + " image_3 B, image_4 B, image_5 B, image_6 B, image_7 B, img_type VARCHAR,"
            + " answer VARCHAR, topic_difficulty VARCHAR, subject VARCHAR";
    write(
        std,
        cols,
        Set.of("image_1", "image_2", "image_3", "image_4", "image_5", "image_6", "image_7"),
        Set.of(),
        rows);
    EvalRunner.Result r = run("mmmu_pro", dir.resolve("mmmu"), PromptTemplate.NO_REASONING);
    check(
        r,
        2,
        1,
        List.of("answer 'E' names none of the 4 options", "needs 2 to 26 options, has 27"));
    assertThat(r.summary().scores().get("subject Art").value()).isEqualTo(0.5);

    Path vis = dir.resolve("mmmu").resolve("vision").resolve("test-00000-of-00001.parquet");
    rows = new ArrayList<>();
    rows.add(row("test_Art_1", PNG, four, "A", "Art"));
    rows.add(row("test_Art_2", PNG, "not a list", "A", "Art"));
    rows.add(row("test_Bio_1", PNG, four, "B", "Biology"));
    write(
        vis,
        "id VARCHAR, image B, options VARCHAR, answer VARCHAR, subject VARCHAR",
        Set.of("image"),
        Set.of(),
        rows);
    check(
        run("mmmu-pro-vision", dir.resolve("mmmu"), PromptTemplate.VISION),
        2,
        1,
        List.of("options 'not a list' are not a list"));
  }

  @Test
  void mmmuProStandardSendsOnlyTheFirstImage() throws Exception {
    Path std =
        dir.resolve("m1").resolve("standard (4 options)").resolve("test-00000-of-00001.parquet");
    List<Object[]> rows = new ArrayList<>();
    rows.add(
        row(
            "test_Art_1",
            "Compare <image 1> and <image 2>",
            "['a', 'b']",
            PNG,
            PNG,
            "A",
            "Easy",
            "Art"));
    write(
        std,
        "id VARCHAR, question VARCHAR, options VARCHAR, image_1 B, image_2 B, answer VARCHAR, topic_difficulty VARCHAR, subject VARCHAR",
        Set.of("image_1", "image_2"),
        Set.of(),
        rows);
    try (LoopbackChatServer server =
        LoopbackChatServer.start(r -> new Reply.Answer("A"), Duration.ofMillis(1), true)) {
      RunConfig cfg =
          RunConfig.of(
              BenchmarkRegistry.get("mmmu-pro"),
              dir.resolve("m1"),
              PromptTemplate.NO_REASONING,
              dir.resolve("m1run"),
              1);
      new EvalRunner(
              new OpenAiChatModel(
                  new OpenAiChatModel.Config(
                      server.baseUrl(), "fake", Optional.empty(), Duration.ofSeconds(10))),
              cfg,
              Optional.empty(),
              RetrySettings.NONE,
              new EvalRunner.Listener() {})
          .run();
      assertThat(server.requests())
          .singleElement()
          .satisfies(q -> assertThat(q.images()).hasSize(1));
    }
  }
}
