package spatialthinker.eval.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spatialthinker.core.qa.QaColumns;

/**
 * The benchmarks of the paper's evaluation script, read from local Hugging Face parquet. Column
 * names and per-task counts follow the Hub datasets the reference script loads; {@code
 * docs/benchmarks-data.md} says what to download for each.
 */
public final class BenchmarkRegistry {

  private static final Map<String, Benchmark> ALL = build();

  private BenchmarkRegistry() {}

  /** Every benchmark, in display order. */
  public static List<Benchmark> all() {
    return List.copyOf(ALL.values());
  }

  /** The benchmark of a name, case-insensitive. */
  public static Optional<Benchmark> find(String name) {
    return Optional.ofNullable(ALL.get(name.strip().toLowerCase(java.util.Locale.ROOT)));
  }

  /** The benchmark of a name, or an exception listing the known names. */
  public static Benchmark get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown benchmark '" + name + "'; known: " + String.join(", ", ALL.keySet())));
  }

  private static Map<String, Benchmark> build() {
    Map<String, Benchmark> m = new LinkedHashMap<>();
    ColumnMapping cvBench =
        ColumnMapping.of("image", "prompt", "answer")
            .withChoices("choices")
            .withTask("task")
            .withSource("source")
            .withId("idx");
    add(
        m,
        mcq(
            "cv-bench",
            "CV-Bench (2D and 3D)",
            "nyu-visionx/CV-Bench",
            "default",
            "test",
            List.of("test*.parquet", "**/test*.parquet"),
            cvBench,
            tasks("Count", 788, "Relation", 650, "Depth", 600, "Distance", 600),
            2638,
            Set.of(Metric.CV_BENCH)));
    add(
        m,
        mcq(
            "cv-bench-2d",
            "CV-Bench 2D",
            "nyu-visionx/CV-Bench",
            "2D",
            "test",
            List.of("test_2d*.parquet", "**/test_2d*.parquet"),
            cvBench,
            tasks("Count", 788, "Relation", 650),
            1438,
            Set.of(Metric.CV_BENCH)));
    add(
        m,
        mcq(
            "cv-bench-3d",
            "CV-Bench 3D",
            "nyu-visionx/CV-Bench",
            "3D",
            "test",
            List.of("test_3d*.parquet", "**/test_3d*.parquet"),
            cvBench,
            tasks("Depth", 600, "Distance", 600),
            1200,
            Set.of(Metric.CV_BENCH)));

    blink(m, "blink-spatial", "Spatial_Relation", 143, "image_1");
    blink(m, "blink-depth", "Relative_Depth", 124, "image_1");
    blink(m, "blink-object", "Object_Localization", 122, "image_1");
    blink(m, "blink-counting", "Counting", 120, "image_1");
    blink(m, "blink-multi-view", "Multi-view_Reasoning", 133, "image_1", "image_2");
    blink(m, "blink-jigsaw", "Jigsaw", 150, "image_1", "image_2", "image_3");

    ColumnMapping threeDsr =
        ColumnMapping.of("image", "prompt", "answer").withChoices("choices").withTask("task");
    Map<String, Integer> threeDsrTasks =
        tasks("height", 350, "location", 875, "orientation", 525, "multi_object", 875);
    add(
        m,
        mcq(
            "3dsrbench",
            "3DSRBench",
            "hunarbatra/3DSRBench",
            "default",
            "test",
            generic("test"),
            threeDsr,
            threeDsrTasks,
            2625,
            Set.of()));
    add(
        m,
        mcq(
            "3dsrbench-full",
            "3DSRBench, paired views",
            "hunarbatra/3DSRBench-Full",
            "default",
            "test",
            generic("test"),
            threeDsr,
            threeDsrTasks,
            2625,
            Set.of(Metric.VIEW_CONSISTENCY)));

    add(
        m,
        new Benchmark(
            "mmvp",
            "MMVP",
            "hunarbatra/MMVP",
            "default",
            "train",
            generic("train"),
            ColumnMapping.of("image", "text", "label"),
            "mmvp",
            Map.of(),
            300,
            Optional.empty(),
            PromptStyle.FINAL_ANSWER_HINT,
            AnswerStyle.CHOICES_IN_QUESTION,
            Set.of(Metric.PAIR_ACCURACY)));
    add(
        m,
        new Benchmark(
            "spatialbench",
            "SpatialBench",
            "hunarbatra/SpatialBench",
            "default",
            "train",
            generic("train"),
            ColumnMapping.of("image", "text", "answer").withTask("category"),
            "spatialbench",
            tasks("existence", 40, "reach", 40, "size", 40, "positional", 34, "counting", 20),
            174,
            Optional.empty(),
            PromptStyle.FINAL_ANSWER_HINT,
            AnswerStyle.CHOICES_IN_QUESTION,
            Set.of()));
    add(
        m,
        new Benchmark(
            "realworldqa",
            "RealWorldQA",
            "visheratin/realworldqa",
            "default",
            "test",
            generic("test"),
            ColumnMapping.of("image", "question", "answer"),
            "realworldqa",
            Map.of(),
            765,
            Optional.empty(),
            PromptStyle.REALWORLDQA,
            AnswerStyle.CHOICES_IN_QUESTION,
            Set.of()));

    ColumnMapping robo =
        ColumnMapping.of("image", "prompt", "answer").withChoices("options").withTask("category");
    Map<String, Integer> roboTasks = tasks("configuration", 123, "compatibility", 105);
    add(
        m,
        mcq(
            "robospatial",
            "RoboSpatial-Home (RGB + depth)",
            "hunarbatra/RoboSpatial-Home",
            "default",
            "train",
            generic("train"),
            robo.withImages("image", "depth_image"),
            roboTasks,
            228,
            Set.of()));
    add(
        m,
        mcq(
            "robospatial-rgb",
            "RoboSpatial-Home (RGB)",
            "hunarbatra/RoboSpatial-Home",
            "default",
            "train",
            generic("train"),
            robo,
            roboTasks,
            228,
            Set.of()));

    add(
        m,
        mcq(
            "lego",
            "LEGO-Puzzles",
            "hunarbatra/LEGO-Puzzles",
            "default",
            "train",
            generic("train"),
            ColumnMapping.of("image", "prompt", "answer")
                .withChoices("choices")
                .withTask("category"),
            tasks(
                "height",
                100,
                "adjacency",
                100,
                "rotation",
                100,
                "multi_view",
                100,
                "rotation_status",
                100,
                "position",
                100,
                "next_step",
                100,
                "outlier",
                100,
                "dependency",
                100,
                "backwards",
                100),
            1000,
            Set.of()));
    add(
        m,
        mcq(
            "spatialreasoner",
            "SpatialReasonerEval",
            "hunarbatra/SpatialReasonerEval",
            "default",
            "train",
            generic("train"),
            ColumnMapping.of("image", "prompt", "answer").withChoices("choices").withTask("task"),
            tasks("Depth", 600, "Distance", 600),
            1200,
            Set.of()));

    ColumnMapping stvqa =
        ColumnMapping.of(QaColumns.IMAGES, QaColumns.QUESTION_WITH_OPTIONS, QaColumns.ANSWER_ONLY)
            .withChoices(QaColumns.OPTIONS)
            .withTask(QaColumns.CATEGORY)
            .withId(QaColumns.IMAGE_ID)
            .withGroundTruthScene(QaColumns.ANSWER_OPTION_TEXT);
    add(
        m,
        mcq(
            "stvqa",
            "STVQA-7K validation (paper)",
            "hunarbatra/STVQA-7K",
            "default",
            "val",
            generic("val"),
            stvqa,
            Map.of(),
            692,
            Set.of(Metric.GROUNDING)));
    add(
        m,
        new Benchmark(
            "stvqa-ours",
            "STVQA, our synthetic validation split",
            "local: spatialthinker data synth",
            "default",
            "val",
            generic("val"),
            stvqa,
            "stvqa",
            Map.of(),
            0,
            Optional.of(QaColumns.SPLIT + " = 'val'"),
            PromptStyle.OPTIONS_IN_QUESTION,
            AnswerStyle.CHOICES_COLUMN,
            Set.of(Metric.GROUNDING)));

    add(
        m,
        new Benchmark(
            "hallusionbench",
            "HallusionBench (image split)",
            "lmms-lab/HallusionBench",
            "default",
            "image",
            generic("image"),
            ColumnMapping.of("image", "question", "gt_answer").withTask("category"),
            "hallusionbench",
            Map.of(),
            951,
            Optional.empty(),
            PromptStyle.YES_NO_OPTIONS,
            AnswerStyle.YES_NO_FLAG,
            Set.of()));

    ColumnMapping mmmu =
        ColumnMapping.of("image_1", "question", "answer")
            .withChoices("options")
            .withTask("topic_difficulty")
            .withId("id")
            .withImages(
                "image_1", "image_2", "image_3", "image_4", "image_5", "image_6", "image_7");
    add(
        m,
        new Benchmark(
            "mmmu-pro",
            "MMMU-Pro standard (4 options)",
            "MMMU/MMMU_Pro",
            "standard (4 options)",
            "test",
            List.of(
                "standard (4 options)/test-*.parquet", "**/standard (4 options)/test-*.parquet"),
            mmmu,
            "mmmu-pro",
            tasks("Easy", 528, "Medium", 801, "Hard", 401),
            1730,
            Optional.empty(),
            PromptStyle.APPEND_OPTIONS,
            AnswerStyle.CHOICES_COLUMN,
            Set.of()));
    add(
        m,
        new Benchmark(
            "mmmu-pro-vision",
            "MMMU-Pro vision (question in the image)",
            "MMMU/MMMU_Pro",
            "vision",
            "test",
            List.of("vision/test-*.parquet", "**/vision/test-*.parquet"),
            ColumnMapping.of("image", "question", "answer")
                .withoutQuestion()
                .withChoices("options")
                .withId("id"),
            "mmmu-pro-vision",
            Map.of(),
            1730,
            Optional.empty(),
            PromptStyle.QUESTION_IN_IMAGE,
            AnswerStyle.CHOICES_COLUMN,
            Set.of()));
    return m;
  }

  private static void blink(
      Map<String, Benchmark> m, String name, String config, int count, String... images) {
    add(
        m,
        mcq(
            name,
            "BLINK " + config.replace('_', ' '),
            "BLINK-Benchmark/BLINK",
            config,
            "val",
            List.of(
                config + "/val-*.parquet", "**/" + config + "/val-*.parquet", "**/val-*.parquet"),
            ColumnMapping.of("image_1", "prompt", "answer")
                .withChoices("choices")
                .withId("idx")
                .withImages(images),
            Map.of(),
            count,
            Set.of()));
  }

  private static Benchmark mcq(
      String name,
      String title,
      String repo,
      String config,
      String split,
      List<String> globs,
      ColumnMapping columns,
      Map<String, Integer> tasks,
      int total,
      Set<Metric> metrics) {
    return new Benchmark(
        name,
        title,
        repo,
        config,
        split,
        globs,
        columns,
        name,
        tasks,
        total,
        Optional.empty(),
        PromptStyle.OPTIONS_IN_QUESTION,
        AnswerStyle.CHOICES_COLUMN,
        metrics);
  }

  private static List<String> generic(String split) {
    return List.of("**/" + split + "-*.parquet", "**/" + split + "*.parquet");
  }

  private static Map<String, Integer> tasks(Object... kv) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], (Integer) kv[i + 1]);
    }
    return out;
  }

  private static void add(Map<String, Benchmark> m, Benchmark b) {
    if (m.put(b.name(), b) != null) {
      throw new IllegalStateException("duplicate benchmark " + b.name());
    }
  }
}
