package spatialthinker.train.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** The experiment's Markdown: per-arm and per-category tables with 95% intervals, and curves. */
public final class ResultsReport {

  private ResultsReport() {}

  /** Renders the report without a template prior. */
  public static String markdown(
      String title,
      String command,
      String dataNote,
      List<String> arms,
      List<ArmResult> results,
      List<String> figures) {
    return markdown(title, command, dataNote, arms, results, figures, null);
  }

  /**
   * Renders the report.
   *
   * @param prior the data's template prior on the val split (null: not shown)
   */
  public static String markdown(
      String title,
      String command,
      String dataNote,
      List<String> arms,
      List<ArmResult> results,
      List<String> figures,
      TemplatePrior prior) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append(dataNote).append("\n\n");
    md.append("Command:\n\n```\n").append(command).append("\n```\n\n");
    int seeds = (int) results.stream().mapToLong(ArmResult::seed).distinct().count();
    md.append("## Per arm (val split, mean ± 95% CI over ")
        .append(seeds)
        .append(seeds == 1 ? " seed" : " seeds")
        .append(")\n\n");
    md.append(
        "| arm | accuracy % | answer text right % | dense reward | box IoU | format rate |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    for (String arm : arms) {
      List<ArmResult> rs = results.stream().filter(r -> r.arm().equals(arm)).toList();
      if (rs.isEmpty()) {
        continue;
      }
      md.append("| ")
          .append(arm)
          .append(" | ")
          .append(stats(rs, ArmResult::accuracy).format(100, 1))
          .append(" | ")
          .append(stats(rs, ArmResult::answerText).format(100, 1))
          .append(" | ")
          .append(stats(rs, ArmResult::denseReward).format(1, 3))
          .append(" | ")
          .append(stats(rs, ArmResult::boxIou).format(1, 3))
          .append(" | ")
          .append(stats(rs, ArmResult::formatRate).format(1, 3))
          .append(" |\n");
    }
    md.append(
        "\n*Accuracy* counts an answer right when the first `<answer>` gives the right option,"
            + " letter and text, whatever the rest of the response looks like (the dense reward's"
            + " accuracy component is the same test but 0 for a malformed response); *answer text"
            + " right* only asks for the right option's text, whatever letter comes with it.\n");
    gains(md, arms, results);
    blindControls(md, results, prior);
    TreeSet<String> categories = new TreeSet<>();
    results.forEach(r -> categories.addAll(r.byCategory().keySet()));
    md.append("\n## Accuracy % per category\n\n| arm |");
    categories.forEach(c -> md.append(" ").append(c).append(" |"));
    md.append("\n|---|");
    categories.forEach(c -> md.append("---:|"));
    md.append("\n");
    for (String arm : arms) {
      List<ArmResult> rs = results.stream().filter(r -> r.arm().equals(arm)).toList();
      if (rs.isEmpty()) {
        continue;
      }
      md.append("| ").append(arm).append(" |");
      for (String c : categories) {
        md.append(" ")
            .append(stats(rs, r -> r.byCategory().getOrDefault(c, 0.0)).format(100, 1))
            .append(" |");
      }
      md.append("\n");
    }
    md.append(
        "\n## Per seed\n\n| arm | seed | accuracy % | answer text right % | dense reward | box IoU |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    for (ArmResult r : results) {
      md.append(
          String.format(
              java.util.Locale.ROOT,
              "| %s | %d | %.1f | %.1f | %.3f | %.3f |%n",
              r.arm(),
              r.seed(),
              100 * r.accuracy(),
              100 * r.answerText(),
              r.denseReward(),
              r.boxIou()));
    }
    if (!figures.isEmpty()) {
      md.append("\n## Learning curves (validation during GRPO, mean over seeds)\n\n");
      figures.forEach(f -> md.append("![").append(f).append("](").append(f).append(")\n\n"));
    }
    return md.toString();
  }

  /**
   * Each GRPO arm minus the SFT start it began from, seed by seed (paired), as mean ± 95% CI, and
   * in how many seeds the arm's accuracy was above SFT's.
   */
  private static void gains(StringBuilder md, List<String> arms, List<ArmResult> results) {
    Map<Long, ArmResult> sft = new TreeMap<>();
    results.stream().filter(r -> r.arm().equals("sft")).forEach(r -> sft.put(r.seed(), r));
    List<String> others = arms.stream().filter(a -> !Experiment.isSftArm(a)).toList();
    if (sft.isEmpty() || others.isEmpty()) {
      return;
    }
    StringBuilder rows = new StringBuilder();
    for (String arm : others) {
      List<Double> acc = new ArrayList<>();
      List<Double> reward = new ArrayList<>();
      List<Double> iou = new ArrayList<>();
      int better = 0;
      for (ArmResult r : results) {
        ArmResult base = sft.get(r.seed());
        if (!r.arm().equals(arm) || base == null) {
          continue;
        }
        acc.add(r.accuracy() - base.accuracy());
        reward.add(r.denseReward() - base.denseReward());
        iou.add(r.boxIou() - base.boxIou());
        better += r.accuracy() > base.accuracy() ? 1 : 0;
      }
      if (acc.isEmpty()) {
        continue;
      }
      rows.append("| ")
          .append(arm)
          .append(" | ")
          .append(Stats.of(acc).format(100, 1))
          .append(" | ")
          .append(better)
          .append(" of ")
          .append(acc.size())
          .append(" | ")
          .append(Stats.of(reward).format(1, 3))
          .append(" | ")
          .append(Stats.of(iou).format(1, 3))
          .append(" |\n");
    }
    if (rows.isEmpty()) {
      return;
    }
    md.append("\n## Gain over the SFT start (paired by seed, mean ± 95% CI)\n\n");
    md.append("| arm | accuracy points | seeds above SFT | dense reward | box IoU |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    md.append(rows);
  }

  /** Points the sighted policy must be above each blind control for the result to count. */
  public static final double SIGHTED_MARGIN_POINTS = 20;

  /**
   * The sighted SFT policy against the blind controls: the same SFT with blank images (arm {@value
   * Experiment#BLIND}, paired by seed) and the data's template prior (the best answer a model that
   * reads only the question's template and option set can give), with the verdict whether the
   * sighted policy is at least {@link #SIGHTED_MARGIN_POINTS} points above both.
   */
  private static void blindControls(
      StringBuilder md, List<ArmResult> results, TemplatePrior prior) {
    Map<Long, ArmResult> blind = new TreeMap<>();
    results.stream()
        .filter(r -> r.arm().equals(Experiment.BLIND))
        .forEach(r -> blind.put(r.seed(), r));
    List<ArmResult> sighted = results.stream().filter(r -> r.arm().equals(Experiment.SFT)).toList();
    if (sighted.isEmpty() || (blind.isEmpty() && prior == null)) {
      return;
    }
    md.append("\n## Blind controls (val split)\n\n");
    md.append("| control | accuracy % | sighted SFT minus control, points |\n");
    md.append("|---|---:|---:|\n");
    Stats sft = stats(sighted, ArmResult::accuracy);
    boolean beatsAll = true;
    if (!blind.isEmpty()) {
      List<Double> diff = new ArrayList<>();
      List<Double> acc = new ArrayList<>();
      for (ArmResult r : sighted) {
        ArmResult b = blind.get(r.seed());
        if (b != null) {
          diff.add(r.accuracy() - b.accuracy());
          acc.add(b.accuracy());
        }
      }
      if (!diff.isEmpty()) {
        Stats d = Stats.of(diff);
        md.append("| same SFT, images blanked (paired by seed) | ")
            .append(Stats.of(acc).format(100, 1))
            .append(" | ")
            .append(d.format(100, 1))
            .append(" |\n");
        beatsAll &= d.mean() * 100 >= SIGHTED_MARGIN_POINTS;
      }
    }
    if (prior != null) {
      double d = sft.mean() - prior.accuracy();
      md.append(
          String.format(
              java.util.Locale.ROOT,
              "| template prior of the data (%d val rows; chance %.1f %%) | %.1f | %.1f |%n",
              prior.rows(),
              100 * prior.chance(),
              100 * prior.accuracy(),
              100 * d));
      beatsAll &= d * 100 >= SIGHTED_MARGIN_POINTS;
    }
    md.append("\n")
        .append(
            beatsAll
                ? "The sighted policy is at least "
                    + (int) SIGHTED_MARGIN_POINTS
                    + " points above every blind control: its accuracy comes from the image."
                : "The sighted policy is **not** "
                    + (int) SIGHTED_MARGIN_POINTS
                    + " points above every blind control: this result does not show that it"
                    + " reads the image.")
        .append("\n");
  }

  /**
   * The template prior of a data set on its val split.
   *
   * @param accuracy its accuracy, in [0, 1]
   * @param chance mean of 1/options over the same rows
   * @param rows val rows scored
   */
  public record TemplatePrior(double accuracy, double chance, int rows) {}

  /** Mean ± CI of one metric over an arm's seeds. */
  public static Stats stats(List<ArmResult> rs, ToDoubleFunction<ArmResult> f) {
    List<Double> v = new ArrayList<>();
    rs.forEach(r -> v.add(f.applyAsDouble(r)));
    return Stats.of(v);
  }

  /** Writes text to a file, creating its folder. */
  public static void write(Path file, String text) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
