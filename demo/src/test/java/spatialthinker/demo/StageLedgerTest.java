package spatialthinker.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.train.Preset;

class StageLedgerTest {

  @TempDir Path dir;

  @Test
  void hashDependsOnEveryInputAndItsBoundaries() {
    assertThat(StageLedger.hash("a", "b")).isEqualTo(StageLedger.hash("a", "b"));
    assertThat(StageLedger.hash("a", "b")).isNotEqualTo(StageLedger.hash("a", "c"));
    assertThat(StageLedger.hash("ab", "c")).isNotEqualTo(StageLedger.hash("a", "bc"));
    assertThat(StageLedger.hash("x")).hasSize(24);
  }

  @Test
  void aStageIsDoneOnlyWithTheHashItFinishedWith() {
    StageLedger ledger = new StageLedger(dir);
    assertThat(ledger.done(Stage.SFT, "h1")).isEmpty();
    assertThat(ledger.startedWith(Stage.SFT, "h1")).isFalse();
    ledger.markStarted(Stage.SFT, "h1");
    assertThat(ledger.startedWith(Stage.SFT, "h1")).isTrue();
    assertThat(ledger.done(Stage.SFT, "h1")).isEmpty();
    ledger.markDone(Stage.SFT, "h1", 12.34);
    assertThat(ledger.done(Stage.SFT, "h1"))
        .hasValueSatisfying(d -> assertThat(d.seconds()).isEqualTo(12.3));
    assertThat(ledger.done(Stage.SFT, "h2")).isEmpty();
    assertThat(ledger.startedWith(Stage.SFT, "h2")).isFalse();
    try (var files = Files.list(dir.resolve("stages"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("sft.started", "sft.done");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void startingAgainForgetsTheEarlierFinish() {
    StageLedger ledger = new StageLedger(dir);
    ledger.markStarted(Stage.DATA, "h1");
    ledger.markDone(Stage.DATA, "h1", 1);
    ledger.markStarted(Stage.DATA, "h1");
    assertThat(ledger.done(Stage.DATA, "h1")).isEmpty();
  }

  @Test
  void anUnreadableMarkerCountsAsNotDone() throws IOException {
    Files.createDirectories(dir.resolve("stages"));
    Files.writeString(dir.resolve("stages/scenes.done"), "{\"hash\": \"h1\", \"sec");
    assertThat(new StageLedger(dir).done(Stage.SCENES, "h1")).isEmpty();
  }

  @Test
  void resetDeletesOnlyInsideTheOutputDirectory() throws IOException {
    DemoLayout layout = new DemoLayout(dir.resolve("out"));
    Path inside = layout.evaluation(Arm.DENSE);
    Files.createDirectories(inside.resolve("x"));
    Files.writeString(inside.resolve("x/f.txt"), "x");
    layout.reset(inside);
    assertThat(inside).doesNotExist();
    assertThat(layout.out()).isDirectory();
    assertThatThrownBy(() -> layout.reset(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing to delete");
    assertThatThrownBy(() -> layout.reset(layout.out().resolve("..").resolve("elsewhere")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.reset(layout.out()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plansRejectEmptySizes() {
    assertThatThrownBy(() -> new DemoPlan(0, 256, 10, 0.1, 1, 1, 1, Preset.TINY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scenes");
    assertThatThrownBy(() -> new DemoPlan(1, 256, 10, 1.0, 1, 1, 1, Preset.TINY))
        .hasMessageContaining("valSplit");
    assertThatThrownBy(() -> DemoPreset.of("huge"))
        .hasMessage("--preset 'huge' is not one of: tiny, small");
  }
}
