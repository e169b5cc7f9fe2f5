package spatialthinker.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.parse.ResponseParser;
import spatialthinker.core.parse.Tag;
import spatialthinker.core.parse.TagContent;
import spatialthinker.eval.score.Prediction;

/**
 * The predictions of every run as cards, filtered by run, task and outcome with a few lines of the
 * page's script. A card shows the image with the ground-truth boxes (green) and the boxes of the
 * model's own {@code <scene>} (orange), the question, the extracted and true answers, the grounding
 * scores and the full response, escaped.
 */
final class PredictionBrowser {

  private final ResponseParser parser = new ResponseParser();
  private final List<RunReport.Run> runs;
  private final List<RunItems> items;
  private final ImageStore images;
  private final List<String> colours;

  PredictionBrowser(
      List<RunReport.Run> runs, List<RunItems> items, ImageStore images, List<String> colours) {
    this.runs = runs;
    this.items = items;
    this.images = images;
    this.colours = colours;
  }

  void render(HtmlWriter h) {
    TreeSet<String> tasks = new TreeSet<>();
    long total = 0;
    long shown = 0;
    for (int r = 0; r < runs.size(); r++) {
      runs.get(r).predictions().forEach(p -> tasks.add(p.task()));
      total += runs.get(r).predictions().size();
      shown += items.get(r).shown().size();
    }
    h.raw("<div class=\"filters\"><label>run <select id=\"f-run\"><option value=\"\">all</option>");
    for (int r = 0; r < runs.size(); r++) {
      h.raw("<option value=\"" + r + "\">").text(runs.get(r).label()).raw("</option>");
    }
    h.raw("</select></label><label>task <select id=\"f-task\"><option value=\"\">all</option>");
    for (String t : tasks) {
      h.raw("<option value=\"").text(t).raw("\">").text(t).raw("</option>");
    }
    h.raw(
        "</select></label><label>outcome <select id=\"f-outcome\"><option value=\"\">all</option>"
            + "<option value=\"right\">right</option><option value=\"wrong\">wrong</option>"
            + "<option value=\"none\">no answer</option><option value=\"failed\">failed</option>"
            + "</select></label><span id=\"f-count\" class=\"muted\"></span></div>");
    if (shown < total) {
      h.element(
          "p",
          "caption",
          String.format(
              Locale.ROOT,
              "%,d of %,d predictions are embedded, drawn evenly from every task's right and wrong"
                  + " answers.",
              shown,
              total));
    }
    for (int r = 0; r < runs.size(); r++) {
      items.get(r).note().ifPresent(n -> h.element("p", "caption", "No images: " + n + "."));
    }
    // Columns in step with the runs, so that each run's answer to an item sits in the same column.
    int cols = runs.size() >= 3 && runs.size() <= 4 ? runs.size() : runs.size() == 2 ? 4 : 0;
    h.raw(
        cols == 0
            ? "<div class=\"cards\" id=\"cards\">"
            : "<div class=\"cards cols\" id=\"cards\" style=\"--cols:" + cols + "\">");
    // Item by item, each run's answer next to the others', so runs of one benchmark compare at a
    // glance.
    List<long[]> order = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      for (int i = 0; i < items.get(r).shown().size(); i++) {
        order.add(new long[] {items.get(r).shown().get(i).index(), r, i});
      }
    }
    order.sort(java.util.Comparator.<long[]>comparingLong(o -> o[0]).thenComparingLong(o -> o[1]));
    for (long[] o : order) {
      int r = (int) o[1];
      Prediction p = items.get(r).shown().get((int) o[2]);
      card(h, r, p, Optional.ofNullable(items.get(r).items().get(p.index())));
    }
    h.raw(
        "</div><div class=\"more\"><button id=\"f-more\" type=\"button\">show more</button></div>");
  }

  private void card(HtmlWriter h, int run, Prediction p, Optional<RunItems.Item> item) {
    String outcome =
        p.failed() ? "failed" : p.pred().isEmpty() ? "none" : p.correct() ? "right" : "wrong";
    h.raw("<article class=\"card item " + outcome + "\" data-run=\"" + run + "\" data-task=\"")
        .text(p.task())
        .raw("\" data-outcome=\"" + outcome + "\">");
    h.raw("<div class=\"card-head\"><span class=\"badge " + outcome + "\">")
        .text(
            switch (outcome) {
              case "right" -> "✓ right";
              case "wrong" -> "✗ wrong";
              case "none" -> "no answer";
              default -> "failed";
            })
        .raw("</span>");
    h.raw(
        "<span class=\"swatch\" style=\"background:"
            + colours.get(run % colours.size())
            + "\"></span>");
    h.element("span", "muted", runs.get(run).label() + " · " + p.task() + " · #" + p.index());
    h.raw("</div>");
    figure(p, item).ifPresent(f -> f.render(h, p.task() + " item " + p.index()));
    item.ifPresent(i -> h.element("p", "question", i.meta().question()));
    h.raw("<p class=\"answers\">predicted <b>")
        .text(p.pred().orElse("—"))
        .raw("</b> · answer <b>")
        .text(p.answer())
        .raw("</b>");
    p.grounding()
        .ifPresent(
            g ->
                h.text(
                    String.format(
                        Locale.ROOT,
                        " · IoU %.2f · reward %.2f%s",
                        g.matchedIou(),
                        g.denseReward(),
                        g.formatOk() ? "" : " · bad format")));
    h.raw("</p>");
    if (p.error().isPresent()) {
      h.element("pre", "response error", p.error().get());
    } else {
      h.element("pre", "response", p.response().orElse(""));
    }
    h.raw("</article>");
  }

  private Optional<ImageStore.Stored> store(byte[] image) {
    try {
      return Optional.of(images.add(image));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // an image the JDK cannot size is shown as missing
    }
  }

  private Optional<Figure> figure(Prediction p, Optional<RunItems.Item> item) {
    Optional<ImageStore.Stored> stored = item.flatMap(RunItems.Item::image).flatMap(this::store);
    Optional<SceneGraph> truth =
        p.groundTruthScene()
            .flatMap(gt -> parser.readScene(TagContent.find(Tag.SCENE, gt)).graph());
    Optional<SceneGraph> predicted =
        p.response().flatMap(r -> parser.parse(r).sceneGraph().graph());
    if (stored.isEmpty() && truth.isEmpty()) {
      return Optional.empty(); // nothing to draw the model's boxes against
    }
    int w =
        p.imageSize()
            .map(Prediction.ImageSize::width)
            .or(() -> stored.map(ImageStore.Stored::width))
            .orElse(0);
    int hgt =
        p.imageSize()
            .map(Prediction.ImageSize::height)
            .or(() -> stored.map(ImageStore.Stored::height))
            .orElse(0);
    if (w < 1 || hgt < 1) {
      return Optional.empty();
    }
    List<Figure.Mark> marks = new ArrayList<>(Figure.marks(truth, Figure.Kind.TRUTH));
    marks.addAll(
        predicted.isPresent()
            ? Figure.marks(predicted, Figure.Kind.PREDICTED)
            : LooseBoxes.of(p.response().orElse("")));
    return Optional.of(new Figure(stored, w, hgt, marks));
  }
}
