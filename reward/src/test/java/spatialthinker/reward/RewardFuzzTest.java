package spatialthinker.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing: 100,000 mutated responses (truncations, tag soup, huge and non-finite numbers,
 * deep nesting, thousands of objects, inverted boxes) never raise; the clamped presets and sparse
 * score inside [0, 1], {@code dense} inside the reference's ranges.
 */
class RewardFuzzTest {

  private static final String PROBLEM = "Which is closer? Image size: (640 x 480)";
  private static final String GT =
      "<scene>{\"objects\": [{\"id\": \"cup.1\", \"bbox\": [10, 20, 200, 220]},"
          + " {\"id\": \"table.2\", \"bbox\": [0, 200, 640, 480]}], \"relationships\":"
          + " [{\"subject\": \"cup.1\", \"predicate\": \"on top of\", \"object\":"
          + " \"table.2\"}]}</scene>\n<answer>(B) cup</answer>";
  private static final String SEED_RESPONSE =
      "<observe>A cup on a table.</observe>\n<scene>{\"objects\": [{\"id\": \"cup.1\", \"bbox\":"
          + " [12, 25, 190, 230]}, {\"id\": \"table.2\", \"bbox\": [0, 210, 630, 480]}],"
          + " \"relationships\": [{\"subject\": \"cup.1\", \"predicate\": \"on top of\","
          + " \"object\": \"table.2\"}]}</scene>\n<think>The cup is nearer.</think>\n"
          + "<answer>(B) cup</answer>";
  private static final List<String> FRAGMENTS =
      List.of(
          "<observe>",
          "</observe>",
          "<scene>",
          "</scene>",
          "<think>",
          "</think>",
          "<answer>",
          "</answer>",
          "{",
          "}",
          "[",
          "]",
          "\"",
          ",",
          ":",
          "NaN",
          "Infinity",
          "-1e400",
          "1e308",
          "123456789012345678901234567890",
          "null",
          "true",
          "\"id\"",
          "\"bbox\"",
          "\"objects\"",
          "\"relationships\"",
          "\"cup.1\"",
          "\\u0000",
          "\u0000",
          "\ud800",
          "(B) cup",
          "\n");

  @Test
  void neverThrowsAndStaysInTheReferenceRanges() {
    Reward dense = RewardPresets.exactLabels().create("dense");
    List<Reward> clamped =
        List.of(
            RewardPresets.exactLabels().create("dense-clamped"),
            RewardPresets.exactLabels().create("dense-clamped:gate=false"),
            RewardPresets.exactLabels().create("sparse"));
    Reward ungated = RewardPresets.exactLabels().create("dense-ungated");
    SplittableRandom rng = new SplittableRandom(20251110);
    int formatted = 0;
    int negative = 0;
    for (int i = 0; i < 100_000; i++) {
      String response = mutate(rng, i);
      RewardInput in = new RewardInput(response, GT, PROBLEM);
      for (Reward reward : clamped) {
        RewardScore s = reward.score(in);
        assertThat(s.overall()).as("record %d, %s", i, reward.name()).isBetween(0.0, 1.0);
        assertThat(s.spatial()).as("record %d, %s", i, reward.name()).isBetween(0.0, 1.0);
      }
      RewardScore d = dense.score(in);
      RewardScore c = clamped.get(0).score(in);
      // The reference's ranges: format, count and accuracy in [0, 1] (the record checks them), a
      // finite spatial term that inverted boxes push below 0, the total its weighted sum.
      assertThat(d.overall())
          .as("record %d, dense", i)
          .isCloseTo(
              0.1 * d.format() + 0.2 * d.count() + 0.5 * d.accuracy() + 0.2 * d.spatial(),
              within(1e-12));
      assertThat(c.spatial())
          .as("record %d, clamped is dense clamped", i)
          .isEqualTo(Math.min(1.0, Math.max(0.0, d.spatial())));
      assertThat(ungated.score(in).spatial()).as("record %d, ungated", i).isFinite();
      if (d.format() == 1.0) {
        formatted++;
      }
      negative += d.spatial() < 0 ? 1 : 0;
    }
    // The mutations keep a fair share well-formed, so the deep paths run too, and some of the
    // jittered boxes are inverted.
    assertThat(formatted).isGreaterThan(10_000);
    assertThat(negative).isGreaterThan(0);
  }

  @Test
  void properBoxesKeepTheSpatialTermAboveMinusAQuarter() {
    // For boxes with x1 <= x2 and y1 <= y2, CIoU > -1.5 (IoU >= 0, normalised centre distance < 1,
    // alpha·v <= 1/2 when IoU = 0), so CIoU01 > -0.25 and S lies in (-0.25, 1].
    Reward dense = RewardPresets.exactLabels().create("dense");
    SplittableRandom rng = new SplittableRandom(7);
    double lowest = 1.0;
    for (int i = 0; i < 20_000; i++) {
      String response =
          SEED_RESPONSE
              .replace("[12, 25, 190, 230]", properBox(rng, 640, 480))
              .replace("[0, 210, 630, 480]", properBox(rng, 640, 480));
      RewardScore s = dense.score(new RewardInput(response, GT, PROBLEM));
      assertThat(s.format()).isEqualTo(1.0);
      assertThat(s.spatial()).as("record %d", i).isGreaterThan(-0.25).isLessThanOrEqualTo(1.0);
      assertThat(s.overall()).as("record %d", i).isGreaterThan(-0.05).isLessThanOrEqualTo(1.0);
      lowest = Math.min(lowest, s.spatial());
    }
    assertThat(lowest).as("far-apart proper boxes reach the low end").isLessThan(0.25);
  }

  private static String properBox(SplittableRandom rng, int w, int h) {
    int x1 = rng.nextInt(-50, w + 50);
    int y1 = rng.nextInt(-50, h + 50);
    int bw = rng.nextInt(0, rng.nextBoolean() ? 4 : w);
    int bh = rng.nextInt(0, rng.nextBoolean() ? 4 : h);
    return "[" + x1 + ", " + y1 + ", " + (x1 + bw) + ", " + (y1 + bh) + "]";
  }

  private static String mutate(SplittableRandom rng, int i) {
    String s = SEED_RESPONSE;
    int kind = i % 10;
    switch (kind) {
      case 0 -> s = s.substring(0, rng.nextInt(s.length() + 1));
      case 1 -> {
        StringBuilder b = new StringBuilder();
        int n = rng.nextInt(1, 40);
        for (int k = 0; k < n; k++) {
          b.append(FRAGMENTS.get(rng.nextInt(FRAGMENTS.size())));
        }
        s = b.toString();
      }
      case 2 -> s = s.replace("12, 25, 190, 230", number(rng) + ", 25, " + number(rng) + ", 230");
      case 3 -> {
        int depth = rng.nextInt(1, 3000);
        s =
            s.replace(
                "\"relationships\"",
                "\"x\": " + "[".repeat(depth) + "]".repeat(depth) + ", \"relationships\"");
      }
      case 4 -> s = s.replace("{\"objects\": [", "{\"objects\": [" + objects(rng.nextInt(1, 3000)));
      case 5 -> {
        int at = rng.nextInt(s.length());
        s = s.substring(0, at) + FRAGMENTS.get(rng.nextInt(FRAGMENTS.size())) + s.substring(at);
      }
      case 6 -> {
        int a = rng.nextInt(s.length());
        int b = rng.nextInt(a, s.length() + 1);
        s = s.substring(0, a) + s.substring(b);
      }
      case 7 ->
          s =
              s.replace(
                  "[12, 25, 190, 230]",
                  "["
                      + rng.nextInt(-50, 700)
                      + ", "
                      + rng.nextInt(-50, 500)
                      + ", "
                      + rng.nextInt(-50, 700)
                      + ", "
                      + rng.nextInt(-50, 500)
                      + "]");
      case 8 -> s = s.repeat(rng.nextInt(1, 4));
      default -> {
        // Keep a well-formed response with jittered boxes and shuffled labels.
        s =
            s.replace(
                "cup.1\", \"bbox\"", (rng.nextBoolean() ? "mug.7" : "cup.1") + "\", \"bbox\"");
      }
    }
    return s;
  }

  private static String number(SplittableRandom rng) {
    return switch (rng.nextInt(6)) {
      case 0 -> "1e308";
      case 1 -> "-1e308";
      case 2 -> "1e400";
      case 3 -> "0";
      case 4 -> "1e-320";
      default -> Double.toString(rng.nextDouble(-1e6, 1e6));
    };
  }

  private static String objects(int n) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < n; k++) {
      b.append("{\"id\": \"obj.").append(k + 100).append("\", \"bbox\": [1, 2, 3, 4]}, ");
    }
    return b.toString();
  }
}
