package spatialthinker.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.train.Preset;

/**
 * A small real demo run — rendering, QA synthesis, SFT, GRPO, serving and evaluation over loopback
 * HTTP — killed in the middle of GRPO and resumed, then its report opened in headless Chromium.
 * Sizes are cut below the {@code tiny} preset so the class stays around a minute on 2 cores.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoReportIT {

  /** Set to 1 where a missing browser must fail the build rather than skip the test (CI). */
  static final String REQUIRE_BROWSER = "SPATIALTHINKER_REQUIRE_BROWSER";

  private static final DemoPlan PLAN = new DemoPlan(96, 256, 400, 0.2, 60, 4, 16, Preset.TINY);

  @TempDir static Path dir;
  private static Path out;
  private static final List<Stage> firstFinished = new ArrayList<>();
  private static final List<String> secondRun = new ArrayList<>();
  private static Demo.Result result;

  /** Thrown from the listener to stop a run the way Ctrl-C would, mid-stage. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Interrupted() {
      super("interrupted by the test");
    }
  }

  @BeforeAll
  static void runTheDemoTwice() {
    out = dir.resolve("demo-out");
    DemoConfig config = new DemoConfig(out, "test", PLAN, false, 1, 2);
    DemoListener stopInGrpo =
        new DemoListener() {
          private Stage current;

          @Override
          public void started(Stage stage, long total) {
            current = stage;
          }

          @Override
          public void progress(long done, String status) {
            if (current == Stage.GRPO_DENSE && done >= 2) {
              throw new Interrupted();
            }
          }

          @Override
          public void finished(Stage stage, double seconds) {
            firstFinished.add(stage);
          }
        };
    assertThatThrownBy(() -> new Demo(config, stopInGrpo).run()).isInstanceOf(Interrupted.class);
    result = new Demo(config, recorder(secondRun)).run();
  }

  private static DemoListener recorder(List<String> log) {
    return new DemoListener() {
      @Override
      public void finished(Stage stage, double seconds) {
        log.add("ran " + stage.id());
      }

      @Override
      public void skipped(Stage stage, double seconds) {
        log.add("skipped " + stage.id());
      }
    };
  }

  @Test
  @Order(1)
  void resumesFromTheLastFinishedStage() throws Exception {
    assertThat(firstFinished).containsExactly(Stage.SCENES, Stage.DATA, Stage.SFT);
    assertThat(secondRun)
        .containsExactly(
            "skipped scenes",
            "skipped data",
            "skipped sft",
            "ran grpo-dense",
            "ran sft-blind",
            "ran eval-sft",
            "ran eval-dense",
            "ran eval-blind",
            "ran report");
    assertThat(out.resolve("stages/grpo-dense.done")).isRegularFile();
    assertThat(result.report()).isRegularFile();
    assertThat(result.scores()).containsOnlyKeys(Arm.SFT, Arm.DENSE, Arm.BLIND);
    assertThat(result.blindVerdict())
        .startsWith("Blind controls: the same SFT with blanked images")
        .contains("the sighted SFT");
    assertThat(Files.readString(result.report())).contains("Blind controls: the same SFT");
    assertThat(result.scores().get(Arm.DENSE).items()).isEqualTo(PLAN.evalItems());

    // A changed evaluation size redoes the evaluations only; everything before keeps its hash.
    List<String> third = new ArrayList<>();
    DemoPlan fewer = new DemoPlan(96, 256, 400, 0.2, 60, 4, 12, Preset.TINY);
    new Demo(new DemoConfig(out, "test", fewer, false, 1, 2), recorder(third)).run();
    assertThat(third)
        .containsExactly(
            "skipped scenes",
            "skipped data",
            "skipped sft",
            "skipped grpo-dense",
            "skipped sft-blind",
            "ran eval-sft",
            "ran eval-dense",
            "ran eval-blind",
            "ran report");
  }

  /** Runs after the test above, whose last run evaluated 12 items per arm. */
  @Test
  @Order(2)
  void reportRendersInHeadlessChromium() throws Exception {
    Optional<Path> binary = Chromium.find();
    if (binary.isEmpty()) {
      String how =
          "headless Chromium is not installed (no /usr/bin/chromium, no chromium on PATH);"
              + " install it with: sudo apt-get install -y chromium";
      if ("1".equals(System.getenv(REQUIRE_BROWSER))) {
        fail(how + " (" + REQUIRE_BROWSER + "=1 requires it)");
      }
      Assumptions.abort(how);
    }
    Path report = out.resolve("report.html");
    Path keep = Path.of("target", "demo-report");
    Files.createDirectories(keep);
    Files.copy(report, keep.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
    // The profile lives outside @TempDir: Chromium leaves lock symlinks there that JUnit warns
    // about.
    Path profile = Files.createTempDirectory("spatialthinker-chromium");
    try (Chromium browser = Chromium.launch(binary.get(), profile)) {
      browser.call("Runtime.enable");
      browser.call("Log.enable");
      browser.call("Page.enable");
      browser.call(
          "Emulation.setDeviceMetricsOverride",
          Chromium.params()
              .put("width", 1400)
              .put("height", 2000)
              .put("deviceScaleFactor", 1)
              .put("mobile", false));
      browser.call("Page.navigate", Chromium.params().put("url", report.toUri().toString()));
      browser.await("Page.loadEventFired");
      browser.evaluate(
          "Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)))"
              + ".then(() => true)");

      JsonNode page =
          browser.evaluate(
              "({"
                  + "sections: Array.from(document.querySelectorAll('main > section')).map(s => s.id),"
                  + "tables: document.querySelectorAll('table.results').length,"
                  + "rows: document.querySelectorAll('table.results tbody tr').length,"
                  + "images: document.images.length,"
                  + "broken: Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).length,"
                  + "charts: document.querySelectorAll('svg.chart').length,"
                  + "cards: document.querySelectorAll('#cards > article.item').length,"
                  + "visible: document.querySelectorAll('#cards > article.item:not([hidden])').length,"
                  + "truthBoxes: document.querySelectorAll('.fig rect.truth').length,"
                  + "count: document.getElementById('f-count').textContent"
                  + "})");
      assertThat(page.path("sections").toString())
          .isEqualTo("[\"results\",\"data\",\"training\",\"predictions\",\"provenance\"]");
      assertThat(page.path("tables").asInt()).isEqualTo(1);
      assertThat(page.path("rows").asInt()).isGreaterThan(5);
      assertThat(page.path("images").asInt()).isGreaterThan(10);
      assertThat(page.path("broken").asInt()).as("images that failed to load").isZero();
      assertThat(page.path("charts").asInt()).isGreaterThanOrEqualTo(10);
      assertThat(page.path("cards").asInt()).isEqualTo(3 * 12);
      assertThat(page.path("visible").asInt()).as("one page of cards").isEqualTo(24);
      assertThat(page.path("truthBoxes").asInt()).isGreaterThan(10);
      assertThat(page.path("count").asText()).isEqualTo("24 of 36 shown");

      JsonNode more =
          browser.evaluate(
              "(() => { document.getElementById('f-more').click();"
                  + " return {n: document.querySelectorAll('#cards > article.item:not([hidden])')"
                  + ".length, count: document.getElementById('f-count').textContent,"
                  + " more: document.getElementById('f-more').hidden}; })()");
      assertThat(more.path("n").asInt()).isEqualTo(36);
      assertThat(more.path("count").asText()).isEqualTo("36 of 36 shown");
      assertThat(more.path("more").asBoolean()).as("the button hides with nothing more").isTrue();

      JsonNode filtered =
          browser.evaluate(
              "(() => { const s = document.getElementById('f-run'); s.value = '1';"
                  + " s.dispatchEvent(new Event('change'));"
                  + " const v = Array.from(document.querySelectorAll('#cards > article.item:not([hidden])'));"
                  + " return {n: v.length, runs: [...new Set(v.map(c => c.dataset.run))],"
                  + " count: document.getElementById('f-count').textContent}; })()");
      assertThat(filtered.path("n").asInt()).isEqualTo(12);
      assertThat(filtered.path("runs").toString()).isEqualTo("[\"1\"]");
      assertThat(filtered.path("count").asText()).isEqualTo("12 of 12 shown");

      assertThat(browser.errors()).as("console errors and exceptions").isEmpty();
      byte[] png = browser.screenshot(false);
      assertThat(java.util.Arrays.copyOf(png, 4))
          .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
      Files.write(keep.resolve("report-screenshot.png"), png);
      Files.write(keep.resolve("report-full.png"), browser.screenshot(true));
    } finally {
      Chromium.deleteProfile(profile, java.time.Duration.ofSeconds(10));
    }
  }
}
