package spatialthinker.eval.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.eval.benchmark.BenchmarkRegistry;
import spatialthinker.eval.testing.SyntheticData;

class BenchmarkDataIT {

  @TempDir Path dir;

  @Test
  void readsCvBenchItemsInFileOrderWithNormalisedAnswers() throws Exception {
    Path file = dir.resolve("test_2d.parquet");
    List<SyntheticData.Item> truth = SyntheticData.writeCvBench(file, 12, 1);
    try (BenchmarkData data = BenchmarkData.open(BenchmarkRegistry.get("cv-bench-2d"), dir)) {
      assertThat(data.files()).containsExactly(file.toAbsolutePath());
      assertThat(data.items()).hasSize(12);
      for (int i = 0; i < 12; i++) {
        ItemMeta m = data.items().get(i);
        assertThat(m.index()).isEqualTo(i);
        assertThat(m.answer()).isEqualTo(truth.get(i).answer());
        assertThat(m.choices().options()).isEqualTo(truth.get(i).choices());
        assertThat(m.task()).isEqualTo(truth.get(i).task());
        assertThat(m.source()).contains(truth.get(i).source());
        assertThat(m.question()).isEqualTo(truth.get(i).prompt());
      }
      List<EvalItem> streamed = new ArrayList<>();
      data.stream(5, i -> i != 2, streamed::add, (m, why) -> {});
      assertThat(streamed).extracting(e -> e.meta().index()).containsExactly(0L, 1L, 3L, 4L);
      EvalItem first = streamed.get(0);
      assertThat(first.images()).hasSize(1);
      assertThat(first.images().get(0).width()).isEqualTo(truth.get(0).sizes().get(0)[0]);
      assertThat(data.dataHash()).startsWith("sha256:").hasSize(71);
    }
  }

  @Test
  void readsShardsOfADirectoryInNameOrder() {
    Path shards = dir.resolve("cv");
    Path a = shards.resolve("test_2d.parquet");
    Path b = shards.resolve("test_3d.parquet");
    shards.toFile().mkdirs();
    SyntheticData.writeCvBench(a, 3, 1);
    SyntheticData.writeCvBench(b, 2, 2);
    try (BenchmarkData data = BenchmarkData.open(BenchmarkRegistry.get("cv-bench"), shards)) {
      assertThat(data.items()).hasSize(5);
      assertThat(data.files()).containsExactly(a.toAbsolutePath(), b.toAbsolutePath());
    }
    try (BenchmarkData only3d = BenchmarkData.open(BenchmarkRegistry.get("cv-bench-3d"), shards)) {
      assertThat(only3d.items()).hasSize(2);
    }
  }

  @Test
  void readsBlinkMultiImageItemsSkippingEmptyImageColumns() {
    Path file = dir.resolve("Jigsaw").resolve("val-00000-of-00001.parquet");
    file.getParent().toFile().mkdirs();
    List<SyntheticData.Item> truth = SyntheticData.writeBlink(file, "Jigsaw", 3, 4, 5);
    try (BenchmarkData data = BenchmarkData.open(BenchmarkRegistry.get("blink-jigsaw"), dir)) {
      List<EvalItem> items = new ArrayList<>();
      data.stream(Long.MAX_VALUE, i -> true, items::add, (m, why) -> {});
      assertThat(items).hasSize(4);
      assertThat(items.get(1).images()).hasSize(3);
      assertThat(items.get(1).images().get(2).width()).isEqualTo(truth.get(1).sizes().get(2)[0]);
      assertThat(items.get(1).meta().id()).isEqualTo("val_Jigsaw_2");
      assertThat(items.get(1).meta().task()).isEqualTo("blink-jigsaw");
    }
  }

  @Test
  void readsStvqaImageListsAndKeepsOnlyTheValidationSplit() {
    Path file = dir.resolve("stvqa.parquet");
    List<SyntheticData.Item> truth = SyntheticData.writeStvqa(file, 10, 3);
    try (BenchmarkData data = BenchmarkData.open(BenchmarkRegistry.get("stvqa-ours"), file)) {
      assertThat(data.items()).hasSize(truth.size()).hasSize(8);
      assertThat(data.items().get(0).groundTruthScene().orElseThrow()).startsWith("<scene>{");
      List<EvalItem> items = new ArrayList<>();
      data.stream(2, i -> true, items::add, (m, why) -> {});
      assertThat(items.get(0).images()).hasSize(1);
      assertThat(items.get(0).images().get(0).width()).isEqualTo(200);
    }
  }

  @Test
  void readsTheValidationFilesOfAStvqaSplitDirectory() throws Exception {
    Path file = dir.resolve("stvqa.parquet");
    List<SyntheticData.Item> truth = SyntheticData.writeStvqa(file, 10, 3);
    Path split = dir.resolve("qa");
    java.nio.file.Files.createDirectories(split);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String s : List.of("train", "val")) {
        st.execute(
            "COPY (SELECT * FROM read_parquet('"
                + file
                + "') WHERE split = '"
                + s
                + "') TO '"
                + split.resolve(s + "-00000-of-00001.parquet")
                + "' (FORMAT parquet)");
      }
    }
    try (BenchmarkData data = BenchmarkData.open(BenchmarkRegistry.get("stvqa-ours"), split)) {
      assertThat(data.items()).hasSize(truth.size());
      List<EvalItem> items = new ArrayList<>();
      data.stream(1, i -> true, items::add, (m, why) -> {});
      assertThat(items.get(0).images().get(0).width()).isEqualTo(200);
    }
  }

  @Test
  void missingAndMistypedColumnsAreNamedInOneLine() throws Exception {
    Path file = dir.resolve("bad.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "COPY (SELECT 1 AS idx, 'x'::BLOB AS image, 'q' AS question, 7 AS choices, '(A)' AS"
              + " answer) TO '"
              + file
              + "' (FORMAT parquet)");
    }
    assertThatThrownBy(() -> BenchmarkData.open(BenchmarkRegistry.get("cv-bench"), file))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessageContaining("missing columns 'prompt', 'task', 'source'")
        .hasMessageContaining("column 'choices' is INTEGER, expected VARCHAR[] or VARCHAR")
        .hasMessageContaining("columns found: idx, image, question, choices, answer")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void answerThatNamesNoOptionIsListedWithItsRowAndLeftOut() throws Exception {
    Path file = dir.resolve("test_2d.parquet");
    SyntheticData.writeCvBench(file, 3, 1);
    Path broken = dir.resolve("broken").resolve("test_2d.parquet");
    Files.createDirectories(broken.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "COPY (SELECT * REPLACE (CASE WHEN idx = 1 THEN '(F)' ELSE answer END AS answer) FROM '"
              + file
              + "') TO '"
              + broken
              + "' (FORMAT parquet)");
    }
    try (BenchmarkData data = BenchmarkData.open(BenchmarkRegistry.get("cv-bench"), broken)) {
      assertThat(data.rowCount()).isEqualTo(3);
      assertThat(data.items()).extracting(ItemMeta::index).containsExactly(0L, 2L);
      assertThat(data.badRows()).hasSize(1);
      assertThat(data.badRows().get(0).describe())
          .startsWith("row 1 (id 1): answer '(F)' names none of the");
      List<EvalItem> streamed = new ArrayList<>();
      data.stream(Long.MAX_VALUE, i -> true, streamed::add, (m, why) -> {});
      assertThat(streamed).extracting(e -> e.meta().index()).containsExactly(0L, 2L);
    }
  }

  @Test
  void rowFilterOnAMissingColumnIsAnError() {
    Path file = dir.resolve("test_2d.parquet");
    SyntheticData.writeCvBench(file, 3, 1);
    Path stvqa = dir.resolve("stvqa.parquet");
    SyntheticData.writeStvqa(stvqa, 5, 3);
    Path noSplit = dir.resolve("nosplit.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "COPY (SELECT * EXCLUDE (split) FROM '"
              + stvqa
              + "') TO '"
              + noSplit
              + "' (FORMAT parquet)");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertThatThrownBy(() -> BenchmarkData.open(BenchmarkRegistry.get("stvqa-ours"), noSplit))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessageContaining(
            "keeps only the rows where split = 'val', but there is no column 'split'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void cvBench3dOnA2dOnlyFolderNamesThePatternsAndWhatIsThere() {
    Path only2d = dir.resolve("cv-bench");
    only2d.toFile().mkdirs();
    SyntheticData.writeCvBench(only2d.resolve("test_2d.parquet"), 3, 1);
    assertThatThrownBy(() -> BenchmarkData.open(BenchmarkRegistry.get("cv-bench-3d"), only2d))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessage(
            "--data "
                + only2d
                + ": no file matches the patterns of cv-bench-3d (nyu-visionx/CV-Bench, config 3D):"
                + " test_3d*.parquet, **/test_3d*.parquet; the directory holds 1 .parquet file:"
                + " test_2d.parquet");
  }

  @Test
  void blinkMultiViewOnASpatialRelationOnlyFolderNamesThePatternsAndWhatIsThere() {
    Path blink = dir.resolve("blink");
    Path spatial = blink.resolve("Spatial_Relation").resolve("val-00000-of-00001.parquet");
    spatial.getParent().toFile().mkdirs();
    SyntheticData.writeBlink(spatial, "Spatial_Relation", 1, 2, 3);
    assertThatThrownBy(() -> BenchmarkData.open(BenchmarkRegistry.get("blink-multi-view"), blink))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessageContaining(
            "no file matches the patterns of blink-multi-view (BLINK-Benchmark/BLINK, config"
                + " Multi-view_Reasoning): Multi-view_Reasoning/val-*.parquet,"
                + " **/Multi-view_Reasoning/val-*.parquet")
        .hasMessageEndingWith(
            "the directory holds 1 .parquet file: Spatial_Relation/val-00000-of-00001.parquet");
    // the config that is there still opens
    try (BenchmarkData data = BenchmarkData.open(BenchmarkRegistry.get("blink-spatial"), blink)) {
      assertThat(data.items()).hasSize(2);
    }
  }

  @Test
  void missingPathAndEmptyDirectoryAreNamed() throws Exception {
    assertThatThrownBy(() -> BenchmarkData.open(BenchmarkRegistry.get("mmvp"), dir.resolve("nope")))
        .hasMessageContaining("no such file or directory");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(
            () -> BenchmarkData.open(BenchmarkRegistry.get("mmvp"), dir.resolve("empty")))
        .hasMessageContaining("no .parquet files");
  }
}
