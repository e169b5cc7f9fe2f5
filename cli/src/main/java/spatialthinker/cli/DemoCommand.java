package spatialthinker.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import spatialthinker.demo.Arm;
import spatialthinker.demo.Demo;
import spatialthinker.demo.DemoConfig;
import spatialthinker.demo.DemoPreset;
import spatialthinker.eval.report.Interval;
import spatialthinker.eval.score.Summary;

/** {@code spatialthinker demo}: the whole loop, end to end, with a report. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header =
        "Run the whole loop on the CPU and write one HTML report: scenes, QA, SFT, GRPO, evaluation.",
    description = {
      "Render scenes, synthesise QA, SFT, GRPO with the dense reward, serve the policy and",
      "evaluate it on the held-out split, then write one self-contained HTML report.",
      "Run it again with the same --out to resume after Ctrl-C or a kill: finished stages",
      "are skipped, an interrupted one continues. Nothing is downloaded."
    })
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", description = "output directory (default demo-out)")
  Path out = Path.of("demo-out");

  @Option(
      names = "--preset",
      paramLabel = "tiny|small",
      description = "tiny: under 3 minutes on 2 cores; small (default): under 15")
  String preset = "small";

  @Option(
      names = "--compare",
      description = "also train GRPO with the sparse reward from the same SFT start")
  boolean compare;

  @Option(names = "--seed", paramLabel = "S", description = "seed of every stage (default 1)")
  long seed = 1;

  @Override
  public Integer call() {
    DemoConfig config = DemoConfig.of(out, DemoPreset.of(preset), compare, seed);
    Demo.Result r;
    try (DemoProgress progress = new DemoProgress(compare ? 11 : 9)) {
      r = new Demo(config, progress).run();
    }
    System.err.printf(
        Locale.ROOT,
        "demo (%s preset) finished: %s of stage time%s%n",
        preset,
        Demo.duration(r.seconds()),
        r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " stage(s) from an earlier run");
    for (Map.Entry<Arm, Summary> e : r.scores().entrySet()) {
      Summary s = e.getValue();
      long correct = Math.round(s.accuracy().value() * s.items());
      System.err.printf(
          Locale.ROOT,
          "  %-12s accuracy %5.1f%% %s on %d val items%s%n",
          e.getKey().label(),
          100 * s.accuracy().value(),
          Interval.wilson(correct, s.items()).percent(),
          s.items(),
          s.grounding()
              .map(
                  g ->
                      String.format(
                          Locale.ROOT,
                          "; format %.0f%%, box IoU %.2f",
                          100 * g.formatRate(),
                          g.meanIou()))
              .orElse(""));
    }
    if (!r.blindVerdict().isEmpty()) {
      System.err.println(r.blindVerdict());
    }
    System.err.println("report: " + r.report());
    return 0;
  }
}
