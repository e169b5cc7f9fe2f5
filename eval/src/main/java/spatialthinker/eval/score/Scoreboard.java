package spatialthinker.eval.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import spatialthinker.eval.benchmark.Benchmark;
import spatialthinker.eval.benchmark.BenchmarkRegistry;
import spatialthinker.eval.benchmark.Metric;
import spatialthinker.eval.load.BadRow;

/** Computes a {@link Summary} from a run's predictions. */
public final class Scoreboard {

  private Scoreboard() {}

  /**
   * Summarises predictions of one benchmark; the registry supplies expected counts and the
   * benchmark's own scores when it knows the name.
   */
  public static Summary summarize(String benchmarkName, List<Prediction> predictions) {
    return summarize(benchmarkName, predictions, List.of());
  }

  /** How many bad rows a summary quotes. */
  public static final int BAD_ROW_EXAMPLES = 5;

  /**
   * Summarises predictions of one benchmark whose data had rows that cannot be scored; they are
   * counted, the first few quoted, and left out of every score.
   */
  public static Summary summarize(
      String benchmarkName, List<Prediction> predictions, List<BadRow> badRows) {
    Optional<Benchmark> bench = BenchmarkRegistry.find(benchmarkName);
    List<Prediction> preds = new ArrayList<>(predictions);
    preds.sort(Comparator.comparingLong(Prediction::index));
    long n = preds.size();
    long correct = preds.stream().filter(Prediction::correct).count();
    long failed = preds.stream().filter(Prediction::failed).count();
    long answered = preds.stream().filter(p -> p.pred().isPresent()).count();
    List<String> warnings = new ArrayList<>();

    Map<String, long[]> byTask = new LinkedHashMap<>();
    bench.ifPresent(b -> b.expectedTasks().keySet().forEach(t -> byTask.put(t, new long[2])));
    for (Prediction p : preds) {
      long[] c = byTask.computeIfAbsent(p.task(), t -> new long[2]);
      c[0] += p.correct() ? 1 : 0;
      c[1]++;
    }
    List<Summary.TaskScore> tasks = new ArrayList<>();
    for (Map.Entry<String, long[]> e : byTask.entrySet()) {
      long expected = bench.map(b -> b.expectedTasks().getOrDefault(e.getKey(), 0)).orElse(0);
      tasks.add(
          new Summary.TaskScore(
              e.getKey(),
              e.getValue()[0],
              Score.accuracy(e.getValue()[0], e.getValue()[1]),
              expected));
    }
    long expectedItems = bench.map(Benchmark::expectedTotal).orElse(0);
    if (expectedItems > 0 && n != expectedItems) {
      warnings.add(
          String.format(
              Locale.ROOT, "%d of the %d items of the full split were scored", n, expectedItems));
    } else if (expectedItems > 0) {
      for (Summary.TaskScore t : tasks) {
        if (t.expected() > 0 && t.accuracy().n() != t.expected()) {
          warnings.add(
              "task " + t.task() + " has " + t.accuracy().n() + " items, expected " + t.expected());
        }
      }
    }
    if (failed > 0) {
      warnings.add(failed + " request(s) failed for good and count as wrong");
    }
    if (!badRows.isEmpty()) {
      warnings.add(
          badRows.size()
              + " row(s) of the data cannot be scored and are left out (bad_rows.jsonl lists"
              + " them all)");
    }
    Map<String, Score> scores = new LinkedHashMap<>();
    bench.ifPresent(b -> benchmarkScores(b, preds, scores, warnings));
    return new Summary(
        benchmarkName,
        n,
        expectedItems,
        answered,
        n - answered - failed,
        failed,
        Score.accuracy(correct, n),
        tasks,
        scores,
        grounding(preds),
        warnings,
        badRows.size(),
        badRows.stream().limit(BAD_ROW_EXAMPLES).map(BadRow::describe).toList());
  }

  private static void benchmarkScores(
      Benchmark b, List<Prediction> preds, Map<String, Score> out, List<String> warnings) {
    if (b.metrics().contains(Metric.THREEDSR_PROTOCOL)) {
      threeDsr(preds, out, warnings);
    }
    if (b.metrics().contains(Metric.HALLUSION)) {
      hallusion(preds, out, warnings);
    }
    if (b.metrics().contains(Metric.PER_SUBJECT)) {
      perField(preds, "subject", "subject ", out, warnings);
    }
    if (b.metrics().contains(Metric.CV_BENCH)) {
      cvBench(preds, out);
    }
    if (b.metrics().contains(Metric.VIEW_CONSISTENCY)) {
      out.put("view consistency (both views right)", pairs(preds));
    }
    if (b.metrics().contains(Metric.PAIR_ACCURACY)) {
      out.put("pair accuracy (both images right)", pairs(preds));
    }
  }

  /** CV-Bench as its authors define it: 2D = mean(ADE20K, COCO), 3D = Omni3D, overall = mean. */
  private static void cvBench(List<Prediction> preds, Map<String, Score> out) {
    Map<String, long[]> bySource = new TreeMap<>();
    for (Prediction p : preds) {
      String src = p.source().orElse("unknown").toLowerCase(Locale.ROOT);
      long[] c = bySource.computeIfAbsent(src, s -> new long[2]);
      c[0] += p.correct() ? 1 : 0;
      c[1]++;
    }
    Optional<Score> ade = source(bySource, "ade20k");
    Optional<Score> coco = source(bySource, "coco");
    Optional<Score> omni = source(bySource, "omni3d");
    Optional<Score> twoD =
        ade.isPresent() && coco.isPresent()
            ? Optional.of(Score.mean(ade.get(), coco.get()))
            : ade.or(() -> coco);
    twoD.ifPresent(s -> out.put("CV-Bench 2D = mean(ADE20K, COCO)", s));
    omni.ifPresent(s -> out.put("CV-Bench 3D = Omni3D", s));
    if (twoD.isPresent() && omni.isPresent()) {
      out.put("CV-Bench overall = mean(2D, 3D)", Score.mean(twoD.get(), omni.get()));
    }
    ade.ifPresent(s -> out.put("ADE20K", s));
    coco.ifPresent(s -> out.put("COCO", s));
    omni.ifPresent(s -> out.put("Omni3D", s));
  }

  /** 3DSRBench's fine-grained categories and the main category each belongs to (lmms-eval). */
  static final Map<String, String> THREEDSR_CATEGORIES = threeDsrCategories();

  private static Map<String, String> threeDsrCategories() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : List.of("height_higher")) {
      m.put(c, "height");
    }
    for (String c : List.of("location_above", "location_closer_to_camera", "location_next_to")) {
      m.put(c, "location");
    }
    for (String c :
        List.of("orientation_in_front_of", "orientation_on_the_left", "orientation_viewpoint")) {
      m.put(c, "orientation");
    }
    for (String c :
        List.of(
            "multi_object_closer_to",
            "multi_object_facing",
            "multi_object_viewpoint_towards_object",
            "multi_object_parallel",
            "multi_object_same_direction")) {
      m.put(c, "multi_object");
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * 3DSRBench as lmms-eval scores it. A {@code qid} is {@code XXXXXXXX} (8 characters), {@code
   * XXXXXXXX-N} (circular variant), {@code XXXXXXXX-flip} or {@code XXXXXXXX-flip-N}: circular
   * groups by the first 8 characters, or 13 for a flipped question; flip groups by the qid without
   * {@code -flip}; flip+circular by the first 8. A group counts when all its items are right.
   */
  private static void threeDsr(List<Prediction> preds, Map<String, Score> out, List<String> w) {
    if (!allHave(preds, "qid")) {
      w.add("3DSRBench circular and flip accuracy need a 'qid' column, which the data lacks");
    } else {
      out.put(
          "3DSRBench circular accuracy (all circular variants right)",
          groups(
              preds,
              p -> {
                String q = p.fields().get("qid");
                return q.contains("-flip") ? prefix(q, 13) : prefix(q, 8);
              }));
      out.put(
          "3DSRBench flip accuracy (question and flip right)",
          groups(preds, p -> p.fields().get("qid").replace("-flip", "")));
      out.put(
          "3DSRBench flip+circular accuracy (all variants right)",
          groups(preds, p -> prefix(p.fields().get("qid"), 8)));
    }
    if (!allHave(preds, "category")) {
      w.add("3DSRBench per-category accuracy needs a 'category' column, which the data lacks");
      return;
    }
    Map<String, long[]> byCategory = new LinkedHashMap<>();
    THREEDSR_CATEGORIES.keySet().forEach(c -> byCategory.put(c, new long[2]));
    for (Prediction p : preds) {
      long[] c = byCategory.computeIfAbsent(p.fields().get("category"), k -> new long[2]);
      c[0] += p.correct() ? 1 : 0;
      c[1]++;
    }
    byCategory.forEach(
        (c, n) -> {
          if (n[1] > 0) {
            String main = THREEDSR_CATEGORIES.getOrDefault(c, "other");
            out.put("3DSRBench " + main + " / " + c, Score.accuracy(n[0], n[1]));
          }
        });
  }

  /**
   * HallusionBench (Guan et al., as its evaluation script and lmms-eval): aAcc over all questions;
   * qAcc over question groups (category, subcategory, set_id, question_id), fAcc over figures
   * (category, subcategory, set_id, figure_id; VS questions with figure_id 0, asked without a
   * figure, are left out); a group counts when every question in it is right.
   */
  private static void hallusion(List<Prediction> preds, Map<String, Score> out, List<String> w) {
    List<String> need = List.of("category", "subcategory", "set_id", "figure_id", "question_id");
    for (String f : need) {
      if (!allHave(preds, f)) {
        w.add("HallusionBench qAcc and fAcc need a '" + f + "' column, which the data lacks");
        return;
      }
    }
    long correct = preds.stream().filter(Prediction::correct).count();
    out.put(
        "HallusionBench qAcc (question pairs all right)",
        groups(preds, p -> key(p, "category", "subcategory", "set_id", "question_id")));
    // a VS question with figure_id 0 is asked without its figure: no figure to score
    List<Prediction> withFigure =
        preds.stream()
            .filter(
                p ->
                    !(p.fields().get("category").equals("VS")
                        && p.fields().get("figure_id").equals("0")))
            .toList();
    out.put(
        "HallusionBench fAcc (figures all right)",
        groups(withFigure, p -> key(p, "category", "subcategory", "set_id", "figure_id")));
    out.put("HallusionBench aAcc (all questions)", Score.accuracy(correct, preds.size()));
  }

  /** Accuracy per value of a field, in order of first appearance. */
  private static void perField(
      List<Prediction> preds, String field, String label, Map<String, Score> out, List<String> w) {
    if (!allHave(preds, field)) {
      w.add("accuracy per " + field + " needs a '" + field + "' column, which the data lacks");
      return;
    }
    Map<String, long[]> by = new TreeMap<>();
    for (Prediction p : preds) {
      long[] c = by.computeIfAbsent(p.fields().get(field), k -> new long[2]);
      c[0] += p.correct() ? 1 : 0;
      c[1]++;
    }
    by.forEach((k, n) -> out.put(label + k, Score.accuracy(n[0], n[1])));
  }

  private static boolean allHave(List<Prediction> preds, String field) {
    return !preds.isEmpty() && preds.stream().allMatch(p -> p.fields().containsKey(field));
  }

  private static String key(Prediction p, String... fields) {
    StringBuilder b = new StringBuilder();
    for (String f : fields) {
      b.append(p.fields().get(f)).append('\u0000');
    }
    return b.toString();
  }

  private static String prefix(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }

  /** The share of groups whose items are all right. */
  private static Score groups(
      List<Prediction> preds, java.util.function.Function<Prediction, String> key) {
    Map<String, Boolean> all = new LinkedHashMap<>();
    for (Prediction p : preds) {
      all.merge(key.apply(p), p.correct(), Boolean::logicalAnd);
    }
    long right = all.values().stream().filter(Boolean::booleanValue).count();
    return Score.accuracy(right, all.size());
  }

  private static Optional<Score> source(Map<String, long[]> bySource, String name) {
    long[] c = bySource.get(name);
    return c == null ? Optional.empty() : Optional.of(Score.accuracy(c[0], c[1]));
  }

  /** Items 2k and 2k+1 form a pair; the share of complete pairs with both right. */
  private static Score pairs(List<Prediction> sorted) {
    Map<Long, Prediction> byIndex = new LinkedHashMap<>();
    sorted.forEach(p -> byIndex.put(p.index(), p));
    long pairs = 0;
    long both = 0;
    for (Prediction p : sorted) {
      if (p.index() % 2 == 0 && byIndex.containsKey(p.index() + 1)) {
        pairs++;
        both += p.correct() && byIndex.get(p.index() + 1).correct() ? 1 : 0;
      }
    }
    return Score.accuracy(both, pairs);
  }

  private static Optional<Summary.GroundingSummary> grounding(List<Prediction> preds) {
    long n = 0;
    double format = 0;
    double iou = 0;
    double reward = 0;
    for (Prediction p : preds) {
      if (p.groundTruthScene().isEmpty()) {
        continue;
      }
      n++;
      if (p.grounding().isPresent()) {
        Grounding g = p.grounding().get();
        format += g.formatOk() ? 1 : 0;
        iou += g.matchedIou();
        reward += g.denseReward();
      }
    }
    return n == 0
        ? Optional.empty()
        : Optional.of(new Summary.GroundingSummary(n, format / n, iou / n, reward / n));
  }
}
