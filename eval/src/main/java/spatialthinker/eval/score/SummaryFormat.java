package spatialthinker.eval.score;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** A {@link Summary} as {@code summary.json} and as a Markdown table. */
public final class SummaryFormat {

  private SummaryFormat() {}

  /** The summary as a JSON object (proportions in [0, 1]). */
  public static ObjectNode json(Summary s) {
    ObjectNode o = PredictionJson.JSON.createObjectNode();
    o.put("benchmark", s.benchmark());
    o.put("items", s.items());
    o.put("expected_items", s.expectedItems());
    o.put("answered", s.answered());
    o.put("no_answer", s.noAnswer());
    o.put("failed", s.failed());
    put(o.putObject("accuracy"), s.accuracy());
    ArrayNode tasks = o.putArray("tasks");
    for (Summary.TaskScore t : s.tasks()) {
      ObjectNode to = tasks.addObject().put("task", t.task()).put("correct", t.correct());
      put(to, t.accuracy());
      to.put("expected", t.expected());
    }
    ObjectNode scores = o.putObject("scores");
    s.scores().forEach((k, v) -> put(scores.putObject(k), v));
    s.grounding()
        .ifPresent(
            g ->
                o.putObject("grounding")
                    .put("items", g.items())
                    .put("format_rate", g.formatRate())
                    .put("mean_matched_iou", g.meanIou())
                    .put("mean_dense_reward", g.meanDenseReward()));
    ArrayNode w = o.putArray("warnings");
    s.warnings().forEach(w::add);
    o.put("bad_rows", s.badRows());
    ArrayNode bad = o.putArray("bad_row_examples");
    s.badRowExamples().forEach(bad::add);
    return o;
  }

  private static void put(ObjectNode o, Score s) {
    o.put("value", s.value()).put("stderr", s.stderr()).put("n", s.n());
  }

  /** The summary as Markdown: a per-task table, the benchmark's scores, counts and warnings. */
  public static String markdown(Summary s, String title) {
    StringBuilder b = new StringBuilder();
    b.append("## ").append(title).append("\n\n");
    b.append("| task | items | correct | accuracy % |\n|---|---:|---:|---:|\n");
    for (Summary.TaskScore t : s.tasks()) {
      if (t.accuracy().n() == 0) {
        continue;
      }
      b.append(row(t.task(), t.accuracy().n(), t.correct(), t.accuracy()));
    }
    long correct = Math.round(s.accuracy().value() * s.items());
    b.append(row("**all**", s.items(), correct, s.accuracy()));
    if (!s.scores().isEmpty()) {
      b.append("\n| score | % |\n|---|---:|\n");
      for (Map.Entry<String, Score> e : s.scores().entrySet()) {
        b.append("| ")
            .append(e.getKey())
            .append(" | ")
            .append(e.getValue().percent())
            .append(" |\n");
      }
    }
    s.grounding()
        .ifPresent(
            g ->
                b.append(
                    String.format(
                        Locale.ROOT,
                        "%nGrounding over %d items: format %.1f %%, matched-box IoU %.3f, dense"
                            + " reward %.3f.%n",
                        g.items(),
                        100 * g.formatRate(),
                        g.meanIou(),
                        g.meanDenseReward())));
    b.append(
        String.format(
            Locale.ROOT,
            "%nAnswered %d, no answer %d, failed %d.%n",
            s.answered(),
            s.noAnswer(),
            s.failed()));
    for (String w : s.warnings()) {
      b.append("\n> ").append(w).append('\n');
    }
    if (s.badRows() > 0) {
      b.append("\nBad rows (left out of every score): ")
          .append(s.badRows())
          .append("; the first:\n\n");
      s.badRowExamples().forEach(e -> b.append("- ").append(e).append('\n'));
    }
    return b.toString();
  }

  private static String row(String name, long n, long correct, Score acc) {
    return "| " + name + " | " + n + " | " + correct + " | " + acc.percent() + " |\n";
  }
}
