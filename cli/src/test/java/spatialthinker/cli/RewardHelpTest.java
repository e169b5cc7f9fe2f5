package spatialthinker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spatialthinker.reward.RewardPresets;

class RewardHelpTest {

  private static String help(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"score", "serve"})
  void rewardHelpNamesEveryPresetAndEveryOverrideKey(String command) {
    String text = help("reward", command, "--help").replaceAll("\\s+", " ");

    for (String preset : RewardPresets.names()) {
      assertThat(text).as("preset %s in the help", preset).contains(preset);
    }
    assertThat(text).contains("dense-clamped (spatial term and total clamped to [0, 1])");
    assertThat(text).contains("gate and clamp (true/false)");
    assertThat(text).contains("dense:clamp=true");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dense:clamp=true", "dense-clamped", "dense:gate=false,clamp=false"})
  void theHelpsExamplesAreValidSpecs(String spec) {
    assertThat(RewardPresets.exactLabels().create(spec)).isNotNull();
  }
}
