package spatialthinker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spatialthinker.reward.BatchScorer;
import spatialthinker.reward.MalformedRecordException;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardRecords;
import spatialthinker.reward.RewardScore;

/** {@code spatialthinker reward score}: score a JSONL file of reward records. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    header = "Score a JSONL file of reward records with a SpatialThinker reward.",
    description = {
      "Score reward records: each input line is {\"response\", \"ground_truth\", \"problem\"};",
      "each output line is {\"overall\", \"format\", \"count\", \"accuracy\", \"spatial\"}, in order.",
      "Nothing is written unless every line scores."
    })
final class RewardScoreCommand implements Callable<Integer> {

  @Option(
      names = "--input",
      required = true,
      paramLabel = "IN.jsonl",
      description = "reward records, one JSON object per line")
  Path input;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT.jsonl",
      description = "where to write one score per input line")
  Path output;

  @Mixin RewardOptions rewardOptions;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "scoring threads (default: all cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() {
    if (!Files.isRegularFile(input)) {
      throw new IllegalArgumentException("--input " + input + ": no such file");
    }
    if (Files.exists(output) && sameFile(input, output)) {
      throw new IllegalArgumentException(
          "--output " + output + " is the input file; write the scores to another file");
    }
    Reward reward = rewardOptions.reward();
    List<RewardRecords.NumberedInput> records = RewardRecords.read(input);
    List<RewardInput> inputs = records.stream().map(RewardRecords.NumberedInput::input).toList();
    List<RewardScore> scores;
    try (ProgressBar bar = Progress.bar("scoring", inputs.size());
        BatchScorer scorer = new BatchScorer(threads)) {
      scores = scorer.score(reward, inputs, bar::stepBy);
    } catch (MalformedRecordException e) {
      int line = e.index().isPresent() ? records.get(e.index().getAsInt()).line() : 0;
      throw new IllegalArgumentException(input + ":" + line + ": " + e.getMessage());
    }
    RewardRecords.write(output, scores);
    System.err.println(summary(reward.name(), scores) + "; wrote " + output);
    return 0;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (java.io.IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  static String summary(String name, List<RewardScore> scores) {
    double n = Math.max(1, scores.size());
    double overall = scores.stream().mapToDouble(RewardScore::overall).sum() / n;
    double format = scores.stream().mapToDouble(RewardScore::format).sum() / n;
    double accuracy = scores.stream().mapToDouble(RewardScore::accuracy).sum() / n;
    return String.format(
        java.util.Locale.ROOT,
        "scored %d records with %s: mean overall %.4f, format rate %.3f, accuracy %.3f",
        scores.size(),
        name,
        overall,
        format,
        accuracy);
  }
}
