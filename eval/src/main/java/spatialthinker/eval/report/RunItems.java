package spatialthinker.eval.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spatialthinker.eval.benchmark.Benchmark;
import spatialthinker.eval.benchmark.BenchmarkRegistry;
import spatialthinker.eval.load.BenchmarkData;
import spatialthinker.eval.load.ItemMeta;
import spatialthinker.eval.score.Prediction;

/**
 * The items behind a run's predictions, read back from the benchmark data its {@code run.json}
 * names: the question text and the first image, which predictions do not store. A run whose data
 * has moved still reports, without images.
 *
 * @param shown the predictions the browser shows, in index order
 * @param items question and image per shown index, where the data could be read
 * @param note why items are missing, if they are
 */
record RunItems(List<Prediction> shown, Map<Long, Item> items, Optional<String> note) {

  /** What the data holds for one item. */
  record Item(ItemMeta meta, Optional<byte[]> image) {}

  /** Reads the items of up to {@code max} predictions of a run. */
  static RunItems read(RunReport.Run run, int max) {
    List<Prediction> shown = select(run.predictions(), max);
    Optional<String> dataPath =
        run.manifest().map(m -> m.json().at("/data/path").asText("")).filter(s -> !s.isBlank());
    Optional<Benchmark> bench = BenchmarkRegistry.find(run.summary().benchmark());
    if (dataPath.isEmpty() || bench.isEmpty()) {
      return new RunItems(shown, Map.of(), Optional.of("run.json names no known benchmark data"));
    }
    Path data = Path.of(dataPath.get());
    if (!Files.exists(data)) {
      return new RunItems(shown, Map.of(), Optional.of("the data " + data + " is not here"));
    }
    Set<Long> wanted = new HashSet<>();
    shown.forEach(p -> wanted.add(p.index()));
    Map<Long, Item> items = new HashMap<>();
    try (BenchmarkData d = BenchmarkData.open(bench.get(), data)) {
      long limit = wanted.stream().mapToLong(Long::longValue).max().orElse(-1) + 1;
      Map<Long, ItemMeta> metas = new HashMap<>();
      d.items().stream()
          .filter(m -> wanted.contains(m.index()))
          .forEach(m -> metas.put(m.index(), m));
      metas.forEach((i, m) -> items.put(i, new Item(m, Optional.empty())));
      d.stream(
          limit,
          wanted::contains,
          item ->
              items.put(
                  item.meta().index(),
                  new Item(item.meta(), Optional.of(item.images().get(0).data()))),
          (meta, why) -> {});
    } catch (RuntimeException e) {
      return new RunItems(
          shown, items, Optional.of("cannot read the data " + data + ": " + e.getMessage()));
    }
    return new RunItems(shown, items, Optional.empty());
  }

  /**
   * All predictions when there are at most {@code max}; otherwise {@code max} of them drawn in turn
   * from each (task, correct) group, in index order within a group, so every task shows right and
   * wrong answers.
   */
  static List<Prediction> select(List<Prediction> preds, int max) {
    if (preds.size() <= max) {
      return preds;
    }
    Map<String, Deque<Prediction>> groups = new LinkedHashMap<>();
    for (Prediction p : preds) {
      groups.computeIfAbsent(p.task() + "\u0000" + p.correct(), k -> new ArrayDeque<>()).add(p);
    }
    List<Prediction> out = new ArrayList<>();
    while (out.size() < max) {
      for (Deque<Prediction> g : groups.values()) {
        if (!g.isEmpty() && out.size() < max) {
          out.add(g.poll());
        }
      }
    }
    out.sort(java.util.Comparator.comparingLong(Prediction::index));
    return out;
  }
}
