package spatialthinker.eval.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Training curves from the runs' {@code metrics.jsonl}: SFT loss, and for GRPO the reward and each
 * of its components, answer accuracy, the KL to the reference and the validation scores. One chart
 * per metric, one line per run; noisy per-step values are drawn faintly under a moving average.
 */
final class TrainingSection {

  /** A chart: title, the phase and kind of log line it reads, the metric, and a caption. */
  private record Chart(String title, String phase, String kind, String metric, String caption) {}

  private static final List<Chart> CHARTS =
      List.of(
          new Chart("SFT loss", "sft", "train", "loss", "per step, response tokens"),
          new Chart("SFT validation loss", "sft", "val", "val_loss", "val split"),
          new Chart("GRPO reward", "grpo", "train", "reward", "mean over the step's rollouts"),
          new Chart("reward: format", "grpo", "train", "reward_format", "SpatialThinker format"),
          new Chart("reward: count", "grpo", "train", "reward_count", "object and relation counts"),
          new Chart("reward: accuracy", "grpo", "train", "reward_accuracy", "answer right"),
          new Chart("reward: spatial", "grpo", "train", "reward_spatial", "boxes, when right"),
          new Chart("answer accuracy", "grpo", "train", "accuracy", "rollouts"),
          new Chart("KL to the reference", "grpo", "train", "kl", "k3 estimate per token"),
          new Chart("response length", "grpo", "train", "response_length", "tokens"),
          new Chart("validation reward", "grpo", "val", "val_reward", "dense reward, val split"),
          new Chart("validation accuracy", "grpo", "val", "val_accuracy", "val split"));

  private final List<TrainingLog> logs;
  private final List<String> colours;

  TrainingSection(List<TrainingLog> logs, List<String> colours) {
    this.logs = logs;
    this.colours = colours;
  }

  void render(HtmlWriter h) {
    h.raw("<div class=\"legend\">");
    for (int i = 0; i < logs.size(); i++) {
      h.raw("<span><span class=\"swatch\" style=\"background:" + colour(i) + "\"></span>")
          .text(logs.get(i).label())
          .raw("</span>");
    }
    h.raw("</div><div class=\"charts\">");
    for (Chart c : CHARTS) {
      List<SvgChart.Series> series = new ArrayList<>();
      for (int i = 0; i < logs.size(); i++) {
        TrainingLog log = logs.get(i);
        if (log.has(c.phase(), c.kind(), c.metric())) {
          double[][] xy = log.series(c.phase(), c.kind(), c.metric());
          series.add(
              new SvgChart.Series(log.label(), colour(i), xy[0], xy[1], c.kind().equals("train")));
        }
      }
      String svg =
          series.isEmpty()
              ? ""
              : SvgChart.lines(c.phase().toUpperCase(java.util.Locale.ROOT) + " step", series);
      if (svg.isEmpty()) {
        continue;
      }
      h.raw("<figure class=\"chart-card\">");
      h.element("figcaption", "", c.title());
      h.element("div", "chart-sub", c.caption());
      h.raw(svg).raw("</figure>");
    }
    h.raw("</div>");
  }

  private String colour(int i) {
    return colours.get(i % colours.size());
  }
}
