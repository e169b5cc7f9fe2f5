package spatialthinker.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ImageSizeTest {

  /** The reference reward's regex, the definition the scan must agree with. */
  private static final Pattern REFERENCE =
      Pattern.compile("Image size: \\((.*?) x (.*?)\\)", Pattern.UNIX_LINES);

  @Test
  void readsTheFirstSizeOnALine() {
    assertThat(ImageSize.fromProblem("Q? Image size: (640 x 480) and (1 x 2)"))
        .isEqualTo(new ImageSize(640, 480));
    assertThat(ImageSize.fromProblem("Image size: (oops\nImage size: (32 x 16)"))
        .isEqualTo(new ImageSize(32, 16));
  }

  @Test
  void groupsMatchTheReferenceRegexOnRandomText() {
    SplittableRandom random = new SplittableRandom(14);
    String[] pieces = {"Image size: (", " x ", ")", "\n", "12", "x", " ", "(", "_3", "-"};
    for (int trial = 0; trial < 20_000; trial++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(10);
      for (int i = 0; i < n; i++) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = b.toString();
      Matcher m = REFERENCE.matcher(s);
      String[] groups = ImageSize.firstMatch(s);
      if (m.find()) {
        assertThat(groups).as(s).containsExactly(m.group(1), m.group(2));
      } else {
        assertThat(groups).as(s).isNull();
      }
    }
  }

  @Test
  void decimalCheckIsPythonsIntGrammar() {
    assertThat(ImageSize.isPyDecimal("4_80")).isTrue();
    assertThat(ImageSize.isPyDecimal("-7")).isTrue();
    assertThat(ImageSize.isPyDecimal("٦٤")).isTrue(); // Arabic-Indic digits, as Python reads them
    assertThat(ImageSize.isPyDecimal("_1")).isFalse();
    assertThat(ImageSize.isPyDecimal("1_")).isFalse();
    assertThat(ImageSize.isPyDecimal("1__2")).isFalse();
    assertThat(ImageSize.isPyDecimal("+")).isFalse();
    assertThat(ImageSize.isPyDecimal("")).isFalse();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // a guard: the scan takes milliseconds
  void aPromptRepeatingThePrefixIsRejectedInOneScan() {
    // 40,000 repeats: the backtracking regex needs minutes here, the scan one pass.
    String problem = "Image size: (".repeat(40_000);

    assertThatThrownBy(() -> ImageSize.fromProblem(problem))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("problem has no 'Image size: (W x H)'");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aLongUnderscoredNumberIsRejectedWithoutRecursion() {
    // The old (?:_\d+)* regex recursed once per group and overflowed the stack here.
    String problem = "Image size: (" + "1_".repeat(200_000) + "1 x 5)";

    assertThatThrownBy(() -> ImageSize.fromProblem(problem))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageStartingWith("problem has a bad image size");
  }
}
