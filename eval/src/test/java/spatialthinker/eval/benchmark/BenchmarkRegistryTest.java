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
  void theReferenceScriptsNamesAreAliases() {
    String[][] pairs = {
      {"cv-bench-2D", "cv-bench-2d"},
      {"cv-bench-3D", "cv-bench-3d"},
      {"3dsrbench_full", "3dsrbench-full"},
      {"realworld_qa", "realworldqa"},
      {"mmmu_pro", "mmmu-pro"},
      {"mmmu_pro_vision_only", "mmmu-pro-vision-only"},
      {"robospatial_rgb", "robospatial-rgb"},
      {"mmmu-pro-vision", "mmmu-pro-vision"},
      {"hallusionbench", "hallusionbench"},
      {"stvqa", "stvqa"}
    };
    for (String[] p : pairs) {
      assertThat(BenchmarkRegistry.get(p[0]).name()).as(p[0]).isEqualTo(p[1]);
    }
    // the script's mmmu-pro-vision is its vision-hint prompt, not the templated vision-only one
    assertThat(BenchmarkRegistry.get("mmmu-pro-vision").promptStyle())
        .isEqualTo(PromptStyle.VISION_ONLY);
    assertThat(BenchmarkRegistry.get("mmmu_pro_vision_only").promptStyle())
        .isEqualTo(PromptStyle.QUESTION_IN_IMAGE);
  }

  @Test
  void imagesSentAreTheScriptsChoices() {
    assertThat(BenchmarkRegistry.get("mmmu-pro").columns().images()).containsExactly("image_1");
    for (String b : List.of("blink-spatial", "blink-depth", "blink-object", "blink-counting")) {
      assertThat(BenchmarkRegistry.get(b).columns().images()).containsExactly("image_1");
    }
    assertThat(BenchmarkRegistry.get("robospatial-rgb").columns().images())
        .containsExactly("image");
  }

  @Test
  void everyBenchmarkSaysWhereItsDataComesFrom() {
    for (Benchmark b : BenchmarkRegistry.all()) {
      assertThat(b.downloadHint()).contains(b.hfRepo());
      assertThat(b.columns().allColumns()).contains(b.columns().answer());
    }
  }
}
