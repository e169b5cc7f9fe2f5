package spatialthinker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import spatialthinker.scenes.ContactSheet;
import spatialthinker.scenes.RenderedScenes;
import spatialthinker.scenes.Scene;
import spatialthinker.scenes.SceneRenderJob;
import spatialthinker.scenes.SkippedScene;

/** {@code spatialthinker scenes render}: render N seeded scenes into a directory. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render scenes 0..N-1 of a seed into DIR/images/NNNNNN.png and DIR/scenes.jsonl.",
      "A directory that already holds some scenes of the same seed and size is resumed."
    })
final class ScenesRenderCommand implements Callable<Integer> {

  @Option(names = "--count", required = true, paramLabel = "N", description = "scenes to render")
  int count;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "run seed")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
  Path out;

  @Option(
      names = "--size",
      paramLabel = "PX",
      description = "image width and height in pixels, 32 to 4096 (default: 256)")
  int size = 256;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "rendering threads (default: all cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--preview",
      paramLabel = "FILE.png",
      description = "also write a contact sheet of the first 16 scenes with boxes and ids")
  Path preview;

  @Override
  public Integer call() {
    SceneRenderJob job =
        new SceneRenderJob(out, new SceneRenderJob.Options(count, seed, size, threads));
    int existing = job.prepare();
    job.reRendered().forEach(r -> System.err.println("re-rendered the image of scene " + r));
    long start = System.nanoTime();
    SceneRenderJob.Summary summary;
    try (ProgressBar bar = Progress.bar("rendering", count)) {
      bar.stepTo(Math.min(existing, count));
      summary = job.run(i -> bar.stepTo(i + 1L));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.println(summary(summary, seconds));
    if (preview != null) {
      List<Scene> first;
      List<SkippedScene> skipped = new ArrayList<>();
      try (Stream<Scene> s = RenderedScenes.open(out).scenes(skipped::add)) {
        first = s.limit(16).toList();
      }
      skipped.forEach(skip -> System.err.println("preview skips " + skip));
      new ContactSheet(4, 256).write(first, preview);
      System.err.println("wrote preview of " + first.size() + " scenes to " + preview);
    }
    return 0;
  }

  private String summary(SceneRenderJob.Summary s, double seconds) {
    if (s.rendered() == 0) {
      return out + " already holds " + s.existing() + " scenes; nothing to render";
    }
    return String.format(
        Locale.ROOT,
        "rendered %d scenes%s in %.1f s (%.1f scenes/s): %d objects, %d relations; wrote %s",
        s.rendered(),
        s.existing() > 0 ? " after " + s.existing() + " already there" : "",
        seconds,
        s.rendered() / Math.max(seconds, 1e-9),
        s.objects(),
        s.relationships(),
        out);
  }
}
