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
    bench.ifPresent(b -> benchmarkScores(b, preds, scores));
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

  private static void benchmarkScores(Benchmark b, List<Prediction> preds, Map<String, Score> out) {
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
