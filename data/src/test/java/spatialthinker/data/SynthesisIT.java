package spatialthinker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.data.io.QaJsonl;
import spatialthinker.data.io.QaOutput;
import spatialthinker.data.io.QaParquet;
import spatialthinker.data.synth.TemplateQuestions;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardPresets;
import spatialthinker.reward.RewardScore;
import spatialthinker.scenes.RenderedScenes;

/**
 * Synthesis on rendered scenes, end to end: balance, letters, split by image, reproducibility,
 * resume, answers re-derived independently from scenes.jsonl, parquet schema, image bytes and the
 * dense reward on every row's ground truth. (The 2,000-scene / 5,000-row run is recorded in
 * docs/data.md; this one is smaller to keep the build short.)
 */
class SynthesisIT {

  static final int SCENES = 500;
  static final int TARGET = 1500;
  static final long SEED = 11;

  @TempDir static Path dir;
  static Path scenes;
  static Path out;
  static SynthSummary summary;
  static List<QaRow> rows;

  @BeforeAll
  static void synthesise() {
    scenes = TestScenes.render(dir.resolve("scenes"), SCENES, 3, 128);
    out = dir.resolve("a/qa.parquet");
    summary = synth(out);
    rows = QaParquet.read(out);
  }

  static SynthSummary synth(Path file) {
    return new SynthesisJob(
            RenderedScenes.open(scenes),
            new TemplateQuestions(SEED, TemplateQuestions.DEFAULT_PER_CATEGORY),
            new SynthOptions(TARGET, 50, 0.1, SEED, 2),
            file)
        .run(new SynthesisJob.Listener() {});
  }

  @Test
  void yieldsTheRequestedBalance() {
    DatasetStats s = DatasetStats.of(rows);
    assertThat(summary.plan().shortfalls()).isEmpty();
    assertThat(rows).hasSize(TARGET);
    double relation = 100.0 * s.byCategory().get("relation") / rows.size();
    assertThat(relation).isCloseTo(50, within(1.0));
    List<Integer> others = new ArrayList<>();
    s.byCategory()
        .forEach(
            (c, n) -> {
              if (!c.equals("relation")) {
                others.add(n);
              }
            });
    assertThat(
            others.stream().mapToInt(i -> i).max().getAsInt()
                - others.stream().mapToInt(i -> i).min().getAsInt())
        .isLessThanOrEqualTo(1);
  }

  @Test
  void noCategoryCanBeAnsweredBlind() {
    AnswerBalance b = AnswerBalance.of(rows);
    assertThat(b.categories()).hasSize(Category.values().length);
    assertThat(b.categories())
        .allSatisfy(
            c -> {
              assertThat(c.skews()).as(c.category()).isEmpty();
              assertThat(c.answerShares().values())
                  .allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(0.6));
            });
  }

  @Test
  void reachRelationCountAndExistenceHaveEveryAnswerClass() {
    AnswerBalance b = AnswerBalance.of(rows);
    java.util.Map<String, java.util.Set<String>> answers = new java.util.HashMap<>();
    b.categories().forEach(c -> answers.put(c.category(), c.answerShares().keySet()));
    assertThat(answers.get("reach"))
        .contains("resting on", "supporting", "touching side by side", "not touching", "yes", "no");
    assertThat(answers.get("relation"))
        .contains(
            "left of", "right of", "in front of", "behind", "on top of", "under", "above", "below");
    assertThat(answers.get("count")).contains("0", "1", "2", "3");
    assertThat(answers.get("existence")).contains("yes", "no");
  }

  @Test
  void spreadsCorrectLettersUniformly() {
    assertThat(DatasetStats.of(rows).maxLetterDeviation()).isLessThan(3.0);
  }

  @Test
  void putsNoImageInBothSplits() {
    DatasetStats s = DatasetStats.of(rows);
    assertThat(s.imagesInBothSplits()).isZero();
    assertThat(s.bySplit().get("val") / (double) rows.size()).isCloseTo(0.1, within(0.02));
  }

  @Test
  void sameSeedGivesIdenticalOutput() throws Exception {
    Path again = dir.resolve("b/qa.parquet");
    synth(again);
    assertThat(Files.readAllBytes(SynthesisJob.mirrorOf(again)))
        .isEqualTo(Files.readAllBytes(SynthesisJob.mirrorOf(out)));
    assertThat(QaParquet.read(again)).isEqualTo(rows);
  }

  @Test
  void resumesAfterAKillMidLine() throws Exception {
    Path resumed = dir.resolve("c/qa.parquet");
    Files.createDirectories(resumed.getParent());
    byte[] full = Files.readAllBytes(SynthesisJob.mirrorOf(out));
    int cut = full.length / 3;
    Files.write(SynthesisJob.mirrorOf(resumed), java.util.Arrays.copyOf(full, cut));
    SynthSummary s = synth(resumed);
    assertThat(s.resumedRows()).isPositive();
    assertThat(Files.readAllBytes(SynthesisJob.mirrorOf(resumed))).isEqualTo(full);
    assertThat(QaParquet.read(resumed)).isEqualTo(rows);
  }

  @Test
  void writesHuggingFaceSplitFilesWithListImages() throws Exception {
    Path split = dir.resolve("d/qa");
    new SynthesisJob(
            RenderedScenes.open(scenes),
            new TemplateQuestions(SEED, TemplateQuestions.DEFAULT_PER_CATEGORY),
            new SynthOptions(TARGET, 50, 0.1, SEED, 2),
            new QaOutput(split, QaOutput.Images.LIST, 3_000_000))
        .run(new SynthesisJob.Listener() {});
    List<String> names;
    try (var l = Files.list(split)) {
      names = l.map(p -> p.getFileName().toString()).sorted().toList();
    }
    // Only split files in the directory (upstream EasyR1 reads the type of its first entry).
    assertThat(names).allMatch(n -> n.matches("(train|val)-\\d{5}-of-\\d{5}\\.parquet"));
    long trainShards = names.stream().filter(n -> n.startsWith("train-")).count();
    assertThat(trainShards).isGreaterThan(1);
    assertThat(names).contains(String.format("train-00000-of-%05d.parquet", trainShards));
    assertThat(names).contains("val-00000-of-00001.parquet");
    assertThat(split.resolveSibling("qa.jsonl")).isRegularFile();
    assertThat(split.resolveSibling("qa.provenance.json")).isRegularFile();
    assertThat(QaParquet.read(split)).isEqualTo(rows);
    try (Connection c = QaParquet.open();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT DISTINCT split, typeof(images) FROM read_parquet('"
                    + split.resolve("val-00000-of-00001.parquet")
                    + "')")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("val");
      assertThat(rs.getString(2)).isEqualTo("STRUCT(bytes BLOB, path VARCHAR)[]");
      assertThat(rs.next()).isFalse();
    }
    Files.writeString(split.resolve("notes.txt"), "x");
    assertThatThrownBy(
            () ->
                QaParquet.write(
                    rows,
                    r -> new byte[] {1},
                    new QaOutput(split, QaOutput.Images.SINGLE, 1L << 30)))
        .hasMessageContaining("notes.txt");
  }

  @Test
  void everyAnswerAgreesWithAnIndependentCheckOfScenesJsonl() throws Exception {
    IndependentAnswerCheck check =
        new IndependentAnswerCheck(scenes.resolve(RenderedScenes.SCENES_FILE));
    List<String> wrong = new ArrayList<>();
    Map<String, Integer> checked = new LinkedHashMap<>();
    for (QaRow r : rows) {
      String problem =
          check.check(r.imageId(), r.category(), r.questionOnly(), r.options(), r.answerTextOnly());
      if (problem != null) {
        wrong.add(r.imageId() + " " + r.category() + " '" + r.questionOnly() + "': " + problem);
      }
      checked.merge(r.category(), 1, Integer::sum);
    }
    assertThat(wrong).isEmpty();
    assertThat(checked).hasSize(9);
  }

  @Test
  void parquetHasTheStvqaColumnsAndTypes() throws Exception {
    Map<String, String> types = new LinkedHashMap<>();
    try (Connection c = QaParquet.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + out + "')")) {
      while (rs.next()) {
        types.put(rs.getString(1), rs.getString(2));
      }
    }
    assertThat(types)
        .containsEntry("image_id", "VARCHAR")
        .containsEntry("images", "STRUCT(bytes BLOB, path VARCHAR)")
        .containsEntry("problem", "VARCHAR")
        .containsEntry("question_only", "VARCHAR")
        .containsEntry("question_with_options", "VARCHAR")
        .containsEntry("options", "VARCHAR[]")
        .containsEntry("answer", "VARCHAR")
        .containsEntry("answer_only", "VARCHAR")
        .containsEntry("answer_text", "VARCHAR")
        .containsEntry("answer_text_only", "VARCHAR")
        .containsEntry("answer_option_text", "VARCHAR")
        .containsEntry("answer_option_text_only", "VARCHAR")
        .containsEntry("category", "VARCHAR")
        .containsEntry("level", "VARCHAR")
        .containsEntry("rating", "INTEGER")
        .containsEntry("teacher_response", "VARCHAR")
        .containsEntry("split", "VARCHAR");
    assertThat(List.copyOf(types.keySet())).isEqualTo(QaParquet.COLUMNS);
    try (Connection c = QaParquet.open();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT decode(key), decode(value) FROM parquet_kv_metadata('" + out + "')")) {
      Map<String, String> kv = new LinkedHashMap<>();
      while (rs.next()) {
        kv.put(rs.getString(1), rs.getString(2));
      }
      assertThat(kv.get("huggingface")).contains("\"images\": {\"_type\": \"Image\"}");
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(kv.get("huggingface"));
    }
  }

  @Test
  void imageBytesDecodeToTheStatedSize() throws Exception {
    try (Connection c = QaParquet.open();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT images.bytes, images.path, problem, question_with_options FROM read_parquet('"
                    + out
                    + "') LIMIT 50")) {
      int n = 0;
      while (rs.next()) {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(rs.getBytes(1)));
        assertThat(img).isNotNull();
        assertThat(rs.getString(3))
            .startsWith("<image> ")
            .contains(
                "Image size: ("
                    + img.getWidth()
                    + " x "
                    + img.getHeight()
                    + ")\n\nNow answer the following question:\n\nQ. ")
            .endsWith("\nQ. " + rs.getString(4));
        assertThat(rs.getString(4)).contains("\nOptions:\n(A) ");
        assertThat(rs.getString(2)).startsWith("images/");
        n++;
      }
      assertThat(n).isEqualTo(50);
    }
  }

  @Test
  void denseRewardScoresEveryGroundTruthAgainstItselfAsOne() {
    Reward dense = RewardPresets.exactLabels().create("dense");
    for (QaRow r : rows) {
      String gt = r.answerOptionText();
      String itself =
          "<observe>.</observe>\n" + gt.replace("\n<answer>", "\n<think>.</think>\n<answer>");
      RewardScore a = dense.score(new RewardInput(itself, gt, r.problem()));
      RewardScore b = dense.score(new RewardInput(r.teacherResponse(), gt, r.problem()));
      // CIoU adds 1e-7 to the normalised union, as the reference does: identical boxes score
      // 1 - 1e-7 / area, a little under 1 for small boxes.
      assertThat(a.overall()).as(r.qaId() + " ground truth " + a).isCloseTo(1.0, within(1e-4));
      assertThat(b.overall()).as(r.qaId() + " teacher " + b).isCloseTo(1.0, within(1e-4));
    }
  }

  @Test
  void jsonlMirrorMatchesParquetAndPointsAtImages() throws Exception {
    assertThat(Files.readString(out.resolveSibling("qa.provenance.json")))
        .contains("\"rows\" : " + TARGET)
        .contains("parquet_sha256")
        .contains("\"gitSha\"")
        .contains("\"dataHash\"")
        .contains("\"seed\" : " + SEED);
    List<String> lines = Files.readAllLines(SynthesisJob.mirrorOf(out));
    assertThat(lines).hasSize(rows.size());
    for (int i = 0; i < lines.size(); i += 97) {
      QaRow m = QaJsonl.parse(lines.get(i), "line " + (i + 1));
      assertThat(m.qaId()).isEqualTo(rows.get(i).qaId());
      assertThat(Files.isRegularFile(out.getParent().resolve(m.imageFile()))).isTrue();
    }
  }
}
