package spatialthinker.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spatialthinker.eval.score.Score;
import spatialthinker.eval.score.Summary;

/**
 * The results: a tile per run with its overall accuracy, then one table with a column per run and a
 * row per benchmark, task (category), benchmark score and grounding metric. Accuracies carry Wilson
 * 95% intervals; the best value of a row is marked when runs are compared.
 */
final class ResultsTable {

  /** One cell: a proportion, its interval and the count behind it. */
  private record Cell(double value, Optional<Interval> ci, long n) {}

  private final List<RunReport.Run> runs;
  private final List<String> colours;

  ResultsTable(List<RunReport.Run> runs, List<String> colours) {
    this.runs = runs;
    this.colours = colours;
  }

  void renderTiles(HtmlWriter h) {
    h.raw("<div class=\"tiles\">");
    for (int i = 0; i < runs.size(); i++) {
      Summary s = runs.get(i).summary();
      long correct = Math.round(s.accuracy().value() * s.items());
      Interval ci = Interval.wilson(correct, s.items());
      h.raw(
          "<div class=\"tile\" style=\"border-top-color:"
              + colours.get(i % colours.size())
              + "\">");
      h.element("div", "tile-name", runs.get(i).label());
      h.element(
          "div",
          "tile-sub",
          s.benchmark()
              + " · "
              + s.items()
              + " items"
              + (s.badRows() > 0 ? " · " + s.badRows() + " bad rows left out" : ""));
      h.raw("<div class=\"tile-value\">")
          .text(String.format(Locale.ROOT, "%.1f%%", 100 * s.accuracy().value()))
          .raw("</div>");
      h.element("div", "tile-ci", "accuracy, 95% CI " + ci.percent());
      s.grounding()
          .ifPresent(
              g ->
                  h.element(
                      "div",
                      "tile-sub",
                      String.format(
                          Locale.ROOT,
                          "format %.0f%% · box IoU %.2f · dense reward %.2f",
                          100 * g.formatRate(),
                          g.meanIou(),
                          g.meanDenseReward())));
      h.raw("</div>");
    }
    h.raw("</div>");
  }

  void renderTable(HtmlWriter h) {
    h.raw("<div class=\"scroll\"><table class=\"results\"><thead><tr><th>benchmark / task</th>");
    for (int i = 0; i < runs.size(); i++) {
      h.raw(
              "<th><span class=\"swatch\" style=\"background:"
                  + colours.get(i % colours.size())
                  + "\"></span>")
          .text(runs.get(i).label())
          .raw("</th>");
    }
    h.raw("</tr></thead><tbody>");
    for (Map.Entry<String, List<Optional<Cell>>> row : rows().entrySet()) {
      String[] key = row.getKey().split("\u0000");
      boolean head = key.length == 1;
      h.raw(head ? "<tr class=\"bench\">" : "<tr>");
      h.raw("<td>").text(head ? key[0] : key[1]).raw("</td>");
      double best =
          row.getValue().stream()
              .flatMap(Optional::stream)
              .mapToDouble(Cell::value)
              .max()
              .orElse(Double.NaN);
      double worst =
          row.getValue().stream()
              .flatMap(Optional::stream)
              .mapToDouble(Cell::value)
              .min()
              .orElse(Double.NaN);
      for (Optional<Cell> c : row.getValue()) {
        if (c.isEmpty()) {
          h.raw("<td></td>");
          continue;
        }
        boolean mark = best > worst && c.get().value() == best; // a tie marks nothing
        h.raw(mark ? "<td class=\"num best\">" : "<td class=\"num\">");
        renderCell(h, c.get(), key.length > 2 ? key[2] : "acc");
        h.raw("</td>");
      }
      h.raw("</tr>");
    }
    h.raw("</tbody></table></div>");
    h.element(
        "p",
        "caption",
        "Accuracy in % with Wilson 95% confidence intervals and the number of items; failed requests"
            + " and unanswered items count as wrong. Grounding rows: share of responses in the"
            + " SpatialThinker format, mean matched-box IoU and mean dense reward over items with a"
            + " ground-truth scene graph. The best value of a row is in bold.");
  }

  private static void renderCell(HtmlWriter h, Cell c, String kind) {
    String v =
        kind.equals("mean")
            ? String.format(Locale.ROOT, "%.3f", c.value())
            : String.format(Locale.ROOT, "%.1f", 100 * c.value());
    h.element("span", "v", v);
    c.ci().ifPresent(ci -> h.element("span", "ci", ci.percent()));
    h.element("span", "n", "n=" + c.n());
  }

  /** Row key → one cell per run. Keys: benchmark, or benchmark\0label\0kind. */
  private Map<String, List<Optional<Cell>>> rows() {
    Set<String> keys = new LinkedHashSet<>();
    for (RunReport.Run r : runs) {
      Summary s = r.summary();
      String b = s.benchmark();
      keys.add(b);
      s.tasks().stream()
          .filter(t -> t.accuracy().n() > 0)
          .forEach(t -> keys.add(b + "\u0000" + t.task() + "\u0000acc"));
      s.scores().keySet().forEach(k -> keys.add(b + "\u0000" + k + "\u0000score"));
      if (s.grounding().isPresent()) {
        keys.add(b + "\u0000grounding: format %\u0000format");
        keys.add(b + "\u0000grounding: box IoU\u0000mean");
        keys.add(b + "\u0000grounding: dense reward\u0000mean");
      }
    }
    Map<String, List<Optional<Cell>>> out = new LinkedHashMap<>();
    for (String k : keys) {
      List<Optional<Cell>> cells = new ArrayList<>();
      for (RunReport.Run r : runs) {
        cells.add(cell(r.summary(), k.split("\u0000")));
      }
      out.put(k, cells);
    }
    return out;
  }

  private static Optional<Cell> cell(Summary s, String[] key) {
    if (!s.benchmark().equals(key[0])) {
      return Optional.empty();
    }
    if (key.length == 1) {
      long correct = Math.round(s.accuracy().value() * s.items());
      return Optional.of(
          new Cell(
              s.accuracy().value(), Optional.of(Interval.wilson(correct, s.items())), s.items()));
    }
    return switch (key[2]) {
      case "acc" ->
          s.tasks().stream()
              .filter(t -> t.task().equals(key[1]) && t.accuracy().n() > 0)
              .findFirst()
              .map(
                  t ->
                      new Cell(
                          t.accuracy().value(),
                          Optional.of(Interval.wilson(t.correct(), t.accuracy().n())),
                          t.accuracy().n()));
      case "score" -> Optional.ofNullable(s.scores().get(key[1])).map(ResultsTable::normal);
      case "format" ->
          s.grounding()
              .map(
                  g -> {
                    long k = Math.round(g.formatRate() * g.items());
                    return new Cell(
                        g.formatRate(), Optional.of(Interval.wilson(k, g.items())), g.items());
                  });
      default ->
          s.grounding()
              .map(
                  g ->
                      new Cell(
                          key[1].endsWith("IoU") ? g.meanIou() : g.meanDenseReward(),
                          Optional.empty(),
                          g.items()));
    };
  }

  /** A derived score (a mean of accuracies) with the normal interval of its standard error. */
  private static Cell normal(Score s) {
    double lo = Math.max(0, s.value() - 1.96 * s.stderr());
    double hi = Math.min(1, s.value() + 1.96 * s.stderr());
    return new Cell(s.value(), Optional.of(new Interval(lo, hi)), s.n());
  }
}
