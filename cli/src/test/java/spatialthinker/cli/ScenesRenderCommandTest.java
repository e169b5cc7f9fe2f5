package spatialthinker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenesRenderCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldErr;

  @BeforeEach
  void captureErr() {
    oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(oldErr);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private int render(Path out, int count, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "scenes",
                "render",
                "--count",
                "" + count,
                "--seed",
                "11",
                "--out",
                out.toString(),
                "--size",
                "64"));
    args.addAll(List.of(more));
    return Main.run(args.toArray(String[]::new));
  }

  @Test
  void rendersImagesAndSceneLinesWithPreview() throws IOException {
    Path out = dir.resolve("scenes");
    Path preview = dir.resolve("preview.png");
    int code = render(out, 6, "--preview", preview.toString());
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(out.resolve("scenes.jsonl"));
    assertThat(lines).hasSize(6);
    for (int i = 0; i < 6; i++) {
      JsonNode scene = JSON.readTree(lines.get(i));
      String image = String.format("images/%06d.png", i);
      assertThat(scene.get("image").asText()).isEqualTo(image);
      assertThat(scene.get("width").asInt()).isEqualTo(64);
      assertThat(scene.get("objects").size()).isBetween(2, 8);
      BufferedImage img = ImageIO.read(out.resolve(image).toFile());
      assertThat(img.getWidth()).isEqualTo(64);
    }
    BufferedImage sheet = ImageIO.read(preview.toFile());
    assertThat(sheet.getWidth()).isGreaterThan(4 * 256);
    assertThat(stderr()).contains("rendered 6 scenes in").contains("wrote preview of 6 scenes");
  }

  @Test
  void interruptedThenResumedRunEqualsUninterruptedRun() throws IOException {
    Path whole = dir.resolve("whole");
    assertThat(render(whole, 7)).isZero();
    Path resumed = dir.resolve("resumed");
    assertThat(render(resumed, 3)).isZero();
    // What a killed run leaves: part of the next line.
    String next = Files.readAllLines(whole.resolve("scenes.jsonl")).get(3);
    Files.writeString(
        resumed.resolve("scenes.jsonl"), next.substring(0, 25), StandardOpenOption.APPEND);
    assertThat(render(resumed, 7)).isZero();
    assertThat(stderr()).contains("rendered 4 scenes after 3 already there");
    assertThat(files(resumed)).isEqualTo(files(whole));
    assertThat(render(resumed, 7)).isZero();
    assertThat(stderr()).contains("already holds 7 scenes; nothing to render");
  }

  @Test
  void badCountIsOneLineAndExit1() {
    int code = render(dir.resolve("x"), 0);
    assertThat(code).isEqualTo(1);
    assertThat(stderr().strip().lines())
        .containsExactly("error: --count must be at least 1, got 0");
  }

  @Test
  void malformedFlagIsAUsageError() {
    int code =
        Main.run("scenes", "render", "--count", "many", "--seed", "1", "--out", dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(stderr().lines().findFirst().orElseThrow())
        .startsWith("error: ")
        .contains("--count");
    assertThat(stderr()).doesNotContain("\tat ");
    assertThat(Main.run("scenes", "render", "--count", "2", "--seed", "1")).isEqualTo(2);
  }

  @Test
  void unwritableOutputIsOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    int code = render(file.resolve("sub"), 2);
    assertThat(code).isEqualTo(1);
    assertThat(stderr().strip().lines()).hasSize(1);
    assertThat(stderr()).startsWith("error: cannot write to " + file.resolve("sub"));
  }

  @Test
  void otherSeedInExistingDirectoryIsRefused() {
    Path out = dir.resolve("seeded");
    assertThat(render(out, 2)).isZero();
    int code =
        Main.run(
            "scenes",
            "render",
            "--count",
            "3",
            "--seed",
            "12",
            "--out",
            out.toString(),
            "--size",
            "64");
    assertThat(code).isEqualTo(1);
    assertThat(stderr()).contains("is not scene 0 of --seed 12");
  }

  // File contents by relative path, as Base64 so that maps compare by content.
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(
            root.relativize(p).toString(),
            java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
      }
    }
    return out;
  }
}
