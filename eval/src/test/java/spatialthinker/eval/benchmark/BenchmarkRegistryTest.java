package spatialthinker.eval.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkRegistryTest {

  @Test
  void knowsEveryBenchmarkOfThePapersScript() {
    List<String> names = BenchmarkRegistry.all().stream().map(Benchmark::name).toList();
    assertThat(names).hasSizeGreaterThanOrEqualTo(19).doesNotHaveDuplicates();
    assertThat(names)
        .contains(
            "cv-bench",
            "cv-bench-2d",
            "cv-bench-3d",
            "blink-spatial",
            "blink-depth",
            "blink-object",
            "blink-counting",
            "blink-multi-view",
            "blink-jigsaw",
            "3dsrbench",
            "3dsrbench-full",
            "mmvp",
            "spatialbench",
            "realworldqa",
            "robospatial",
            "robospatial-rgb",
            "lego",
            "spatialreasoner",
            "stvqa",
            "stvqa-ours",
            "hallusionbench",
            "mmmu-pro");
  }

  @Test
  void taskCountsAddUpToTheSplit() {
    Benchmark cv = BenchmarkRegistry.get("cv-bench");
    assertThat(cv.expectedTasks()).containsEntry("Count", 788).containsEntry("Relation", 650);
    assertThat(cv.expectedTasks().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(cv.expectedTotal())
        .isEqualTo(2638);
    assertThat(BenchmarkRegistry.get("cv-bench-2d").expectedTotal()).isEqualTo(1438);
    assertThat(BenchmarkRegistry.get("blink-multi-view").columns().images())
        .containsExactly("image_1", "image_2");
    assertThat(BenchmarkRegistry.get("blink-jigsaw").columns().images()).hasSize(3);
    assertThat(BenchmarkRegistry.get("robospatial").columns().images())
        .containsExactly("image", "depth_image");
  }

  @Test
  void namesAreCaseInsensitiveAndUnknownNamesListTheKnownOnes() {
    assertThat(BenchmarkRegistry.find("CV-Bench")).isPresent();
    assertThatThrownBy(() -> BenchmarkRegistry.get("cvbench"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown benchmark 'cvbench'")
        .hasMessageContaining("cv-bench-2d");
  }

  @Test
  void everyBenchmarkSaysWhereItsDataComesFrom() {
    for (Benchmark b : BenchmarkRegistry.all()) {
      assertThat(b.downloadHint()).contains(b.hfRepo());
      assertThat(b.columns().allColumns()).contains(b.columns().answer());
    }
  }
}
