package spatialthinker.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import spatialthinker.eval.score.Prediction;

/**
 * The data-set charts of a report about runs alone: items per task of each benchmark, and the share
 * of each answer letter in the ground truth beside each run's predicted letters (a model that
 * favours a letter shows here).
 */
final class RunCharts {

  private RunCharts() {}

  static DataSection of(List<RunReport.Run> runs) {
    Map<String, RunReport.Run> firstOfBenchmark = new LinkedHashMap<>();
    runs.forEach(r -> firstOfBenchmark.putIfAbsent(r.summary().benchmark(), r));
    Set<String> tasks = new LinkedHashSet<>();
    firstOfBenchmark.values().forEach(r -> r.predictions().forEach(p -> tasks.add(p.task())));
    List<String> taskLabels = new ArrayList<>(tasks);
    List<DataSection.BarSeries> perTask = new ArrayList<>();
    for (RunReport.Run r : firstOfBenchmark.values()) {
      double[] v = new double[taskLabels.size()];
      r.predictions().forEach(p -> v[taskLabels.indexOf(p.task())]++);
      perTask.add(new DataSection.BarSeries(r.summary().benchmark(), v));
    }
    List<DataSection.Bars> charts = new ArrayList<>();
    charts.add(new DataSection.Bars("Items per task", taskLabels, perTask, false));

    TreeSet<String> letters = new TreeSet<>();
    for (RunReport.Run r : runs) {
      for (Prediction p : r.predictions()) {
        if (isLetter(p.answer())) {
          letters.add(p.answer());
        }
        p.pred().filter(RunCharts::isLetter).ifPresent(letters::add);
      }
    }
    if (!letters.isEmpty()) {
      List<String> labels = new ArrayList<>(letters);
      labels.add("no answer");
      List<DataSection.BarSeries> series = new ArrayList<>();
      RunReport.Run first = runs.get(0);
      series.add(
          new DataSection.BarSeries("ground truth", shares(first.predictions(), labels, true)));
      for (RunReport.Run r : runs) {
        series.add(
            new DataSection.BarSeries(
                "predicted: " + r.label(), shares(r.predictions(), labels, false)));
      }
      charts.add(new DataSection.Bars("Answer letters", labels, series, true));
    }
    long items = firstOfBenchmark.values().stream().mapToLong(r -> r.predictions().size()).sum();
    String description =
        String.format(
            Locale.ROOT,
            "From the runs' predictions: %,d items of %d benchmark(s) over %d tasks.",
            items,
            firstOfBenchmark.size(),
            taskLabels.size());
    return new DataSection(description, charts, List.of());
  }

  private static double[] shares(List<Prediction> preds, List<String> labels, boolean truth) {
    double[] v = new double[labels.size()];
    if (preds.isEmpty()) {
      return v;
    }
    for (Prediction p : preds) {
      String l = truth ? p.answer() : p.pred().orElse("no answer");
      int i = labels.indexOf(l);
      if (i >= 0) {
        v[i]++;
      }
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= preds.size();
    }
    return v;
  }

  private static boolean isLetter(String s) {
    return s.length() == 1 && s.charAt(0) >= 'A' && s.charAt(0) <= 'Z';
  }
}
