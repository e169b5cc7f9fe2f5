package spatialthinker.demo;

import java.nio.file.Path;
import spatialthinker.data.SynthOptions;
import spatialthinker.data.SynthSummary;
import spatialthinker.data.SynthesisJob;
import spatialthinker.data.TeacherStyle;
import spatialthinker.data.synth.TemplateQuestions;
import spatialthinker.scenes.RenderedScenes;
import spatialthinker.scenes.SceneRenderJob;

/** The first two stages: render scenes, then synthesise, balance and split QA rows from them. */
final class DataSteps {

  /** Share of relation questions, as in STVQA-7K. */
  static final double RELATION_PERCENT = 50;

  /**
   * Compact teacher responses: the full ones (about 200 tokens) do not fit the sequence budget of
   * the tiny and small policies, and the demo's minutes are better spent on the scene graph.
   */
  static final TeacherStyle TEACHER = TeacherStyle.COMPACT;

  private DataSteps() {}

  /** Renders the plan's scenes into {@code dir}, continuing what is there. */
  static void scenes(DemoConfig c, Path dir, DemoListener l) {
    SceneRenderJob job =
        new SceneRenderJob(
            dir,
            new SceneRenderJob.Options(
                c.plan().scenes(), c.seed(), c.plan().imageSize(), c.threads()));
    int existing = job.prepare();
    l.started(Stage.SCENES, c.plan().scenes());
    l.progress(Math.min(existing, c.plan().scenes()), "");
    job.run(i -> l.progress(i + 1L, ""));
  }

  /** Writes the QA parquet (and its JSONL mirror) from the scenes. */
  static SynthSummary qa(DemoConfig c, Path scenes, Path parquet, DemoListener l) {
    int sceneCount = c.plan().scenes();
    l.started(Stage.DATA, sceneCount + (long) c.plan().rows());
    SynthOptions options =
        new SynthOptions(
            c.plan().rows(), RELATION_PERCENT, c.plan().valSplit(), c.seed(), c.threads(), TEACHER);
    return new SynthesisJob(
            RenderedScenes.open(scenes),
            new TemplateQuestions(c.seed(), TemplateQuestions.DEFAULT_PER_CATEGORY),
            options,
            parquet)
        .run(
            new SynthesisJob.Listener() {
              @Override
              public void scene(int done) {
                l.progress(done, "questions");
              }

              @Override
              public void rowsPlanned(int total) {
                l.total(sceneCount + (long) total);
              }

              @Override
              public void row(int done) {
                l.progress(sceneCount + (long) done, "rows");
              }
            });
  }
}
