package spatialthinker.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTML report: one self-contained file (inline CSS and script, images as {@code data:} URLs,
 * charts as inline SVG) that needs no network to view. Sections: results per run and task with 95%
 * intervals; the data set (charts and example items with their ground-truth boxes); training
 * curves; a browser of the predictions with predicted and true boxes and the full responses;
 * provenance. Every section but the results is optional, so the same page serves the demo and
 * {@code eval report} of any model's runs.
 */
public final class HtmlReport {

  /** Run and training-log colours, in order; chosen to stay apart from the box colours. */
  static final List<String> PALETTE =
      List.of("#3b6fb6", "#8e5ea2", "#2a9d8f", "#d1495b", "#c9a227", "#6c757d", "#1f9ed1");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ReportInput input;

  public HtmlReport(ReportInput input) {
    this.input = input;
  }

  /** The page. */
  public String render() {
    ImageStore images = new ImageStore();
    HtmlWriter h = new HtmlWriter();
    h.raw("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .raw("<link rel=\"icon\" href=\"data:,\"><title>")
        .text(input.title())
        .raw("</title>\n<style>")
        .raw(resource("report.css"))
        .raw("</style></head>\n<body>\n");
    header(h);
    h.raw("<main>");
    if (!input.runs().isEmpty()) {
      ResultsTable results = new ResultsTable(input.runs(), PALETTE);
      section(h, "results", "Results");
      results.renderTiles(h);
      results.renderTable(h);
      h.raw("</section>");
    }
    Optional<DataSection> data =
        input
            .data()
            .or(
                () ->
                    input.runs().isEmpty()
                        ? Optional.empty()
                        : Optional.of(RunCharts.of(input.runs())));
    if (data.isPresent()) {
      section(h, "data", "Data set");
      dataSection(h, data.get(), images);
      h.raw("</section>");
    }
    if (!input.training().isEmpty()) {
      section(h, "training", "Training");
      new TrainingSection(input.training(), PALETTE).render(h);
      h.raw("</section>");
    }
    if (!input.runs().isEmpty()) {
      List<RunItems> items = new ArrayList<>();
      input.runs().forEach(r -> items.add(RunItems.read(r, input.maxPredictions())));
      section(h, "predictions", "Predictions");
      h.raw(
          "<p class=\"caption\"><span class=\"key truth\"></span>ground truth"
              + " <span class=\"key pred\"></span>the model's <code>&lt;scene&gt;</code></p>");
      new PredictionBrowser(input.runs(), items, images, PALETTE).render(h);
      h.raw("</section>");
    }
    section(h, "provenance", "Provenance");
    provenance(h);
    h.raw("</section></main>\n<footer>")
        .text(
            "SpatialThinker-J report · generated "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + " · self-contained: no network needed")
        .raw("</footer>\n");
    h.raw(images.script());
    h.raw("<script>").raw(resource("report.js")).raw("</script>\n</body></html>\n");
    return h.toString();
  }

  /** Writes the page to a file, atomically (a viewer never sees half a report). */
  public void write(Path file) {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Files.writeString(tmp, render(), StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
    }
  }

  private void header(HtmlWriter h) {
    h.raw("<header><div class=\"wrap\">");
    h.element("h1", "", input.title());
    for (String n : input.notes()) {
      h.element("p", "note", n);
    }
    h.raw("<nav>");
    if (!input.runs().isEmpty()) {
      h.raw("<a href=\"#results\">Results</a>");
    }
    if (input.data().isPresent() || !input.runs().isEmpty()) {
      h.raw("<a href=\"#data\">Data set</a>");
    }
    if (!input.training().isEmpty()) {
      h.raw("<a href=\"#training\">Training</a>");
    }
    if (!input.runs().isEmpty()) {
      h.raw("<a href=\"#predictions\">Predictions</a>");
    }
    h.raw("<a href=\"#provenance\">Provenance</a></nav></div></header>");
  }

  private static void section(HtmlWriter h, String id, String title) {
    h.raw("<section id=\"" + id + "\">");
    h.element("h2", "", title);
  }

  private static void dataSection(HtmlWriter h, DataSection d, ImageStore images) {
    if (!d.description().isBlank()) {
      h.element("p", "caption", d.description());
    }
    h.raw("<div class=\"charts\">");
    for (DataSection.Bars b : d.charts()) {
      h.raw("<figure class=\"chart-card\">");
      h.element("figcaption", "", b.title());
      if (b.series().size() > 1) {
        h.raw("<div class=\"legend small\">");
        for (int i = 0; i < b.series().size(); i++) {
          h.raw(
                  "<span><span class=\"swatch\" style=\"background:"
                      + PALETTE.get(i % PALETTE.size())
                      + "\"></span>")
              .text(b.series().get(i).name())
              .raw("</span>");
        }
        h.raw("</div>");
      }
      h.raw(SvgChart.bars(b, PALETTE)).raw("</figure>");
    }
    h.raw("</div>");
    if (!d.examples().isEmpty()) {
      h.element("h3", "", "Example items");
      h.raw("<div class=\"cards examples\">");
      for (DataSection.Example e : d.examples()) {
        ImageStore.Stored s = images.add(e.image());
        h.raw("<article class=\"card\">");
        h.raw("<div class=\"card-head\">").element("span", "badge tag", e.tag()).raw("</div>");
        new Figure(
                Optional.of(s), s.width(), s.height(), Figure.marks(e.truth(), Figure.Kind.TRUTH))
            .render(h, e.tag());
        h.element("p", "question", e.question());
        h.raw("<p class=\"answers\">answer <b>").text(e.answer()).raw("</b></p>");
        h.raw("</article>");
      }
      h.raw("</div>");
    }
  }

  private void provenance(HtmlWriter h) {
    Map<String, Map<String, String>> tables = new LinkedHashMap<>(input.provenance());
    for (RunReport.Run r : input.runs()) {
      Map<String, String> rows = new LinkedHashMap<>();
      rows.put("directory", r.dir().toString());
      r.manifest().ifPresent(m -> flatten("", m.json(), rows));
      tables.put("Evaluation run: " + r.label(), rows);
    }
    for (TrainingLog log : input.training()) {
      for (String ckpt : new String[] {"last", "best"}) {
        Path p = log.dir().resolve(ckpt).resolve("provenance.json");
        if (Files.isRegularFile(p)) {
          Map<String, String> rows = new LinkedHashMap<>();
          rows.put("directory", log.dir().toString());
          try {
            flatten("", JSON.readTree(p.toFile()), rows);
          } catch (IOException e) {
            rows.put("provenance.json", "unreadable: " + e.getMessage());
          }
          tables.put("Training run: " + log.label() + " (" + ckpt + "/)", rows);
          break;
        }
      }
    }
    h.raw("<div class=\"prov\">");
    tables.forEach(
        (title, rows) -> {
          h.raw("<details><summary>").text(title).raw("</summary><table class=\"kv\">");
          rows.forEach(
              (k, v) -> h.raw("<tr><th>").text(k).raw("</th><td>").text(v).raw("</td></tr>"));
          h.raw("</table></details>");
        });
    h.raw("</div>");
  }

  /** Scalar leaves as {@code a.b.c → value}; arrays of scalars joined, other arrays counted. */
  static void flatten(String prefix, JsonNode n, Map<String, String> out) {
    if (n.isObject()) {
      n.properties()
          .forEach(
              e ->
                  flatten(
                      prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                      e.getValue(),
                      out));
    } else if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      boolean scalars = true;
      for (JsonNode x : n) {
        scalars &= x.isValueNode();
        parts.add(x.isValueNode() ? x.asText() : "");
      }
      out.put(prefix, scalars ? String.join(", ", parts) : n.size() + " entries");
    } else {
      out.put(prefix, n.isNull() ? "—" : n.asText());
    }
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside HtmlReport");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
