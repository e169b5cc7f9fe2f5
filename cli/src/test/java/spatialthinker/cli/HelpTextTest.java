package spatialthinker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/** Every command's line in its parent's command list is a whole sentence. */
class HelpTextTest {

  private static void collect(CommandLine c, List<CommandLine> out) {
    for (CommandLine sub : c.getSubcommands().values()) {
      out.add(sub);
      collect(sub, out);
    }
  }

  @Test
  void everySummaryInACommandListEndsItsSentence() {
    List<CommandLine> all = new ArrayList<>();
    collect(new CommandLine(new Main()), all);
    assertThat(all).hasSizeGreaterThan(15);
    for (CommandLine c : all) {
      UsageMessageSpec u = c.getCommandSpec().usageMessage();
      String[] summary = u.header().length > 0 ? u.header() : u.description();
      assertThat(summary).as(c.getCommandSpec().qualifiedName()).isNotEmpty();
      assertThat(summary[0].strip())
          .as("summary of " + c.getCommandSpec().qualifiedName())
          .matches("(?s).*[.)]$");
    }
  }

  /** A lone '%' in a description makes picocli warn and print the text unformatted. */
  @Test
  void everyHelpTextFormatsWithoutAWarning() {
    List<CommandLine> all = new ArrayList<>();
    collect(new CommandLine(new Main()), all);
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> usage = new ArrayList<>();
    try {
      for (CommandLine c : all) {
        usage.add(c.getUsageMessage());
      }
    } finally {
      System.setErr(old);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    assertThat(String.join("\n", usage)).doesNotContain("%n");
  }

  @Test
  void theTopLevelHelpShowsTheDemoLineWhole() {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run("--help")).isZero();
    } finally {
      System.setOut(old);
    }
    String text = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    assertThat(text).contains("demo Run the whole loop on the CPU and write one HTML report");
    assertThat(text).doesNotContain("serve the policy and Commands");
  }
}
