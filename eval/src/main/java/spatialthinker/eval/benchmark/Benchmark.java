package spatialthinker.eval.benchmark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One benchmark the evaluation knows: where its data comes from on the Hugging Face Hub, how its
 * columns map to an item, the per-task counts of the full split, and how to prompt and score it.
 *
 * @param name the registry name, e.g. {@code cv-bench-2d}
 * @param title a human name
 * @param hfRepo the Hub dataset repository
 * @param hfConfig the dataset config (subset), or {@code default}
 * @param split the split evaluated
 * @param fileGlobs when the data path is a directory, the first glob (relative to it) matching any
 *     file selects the files; only these are tried, so a directory holding only another config's
 *     files is an error
 * @param columns the column mapping
 * @param singleTask the task name of every item when there is no task column
 * @param expectedTasks task name to the number of items in the full split (in display order); empty
 *     when the benchmark has one task and {@code expectedTotal} says it all
 * @param expectedTotal the number of items in the full split; 0 when it varies (our own data)
 * @param rowFilter a SQL condition on the rows (e.g. {@code split = 'val'}), applied when its
 *     column exists
 * @param promptStyle the reference script's prompt adjustment
 * @param answerStyle how options and ground truth are read
 * @param metrics extra scores
 * @param aliases other names it is known by (the reference script's names, e.g. {@code
 *     realworld_qa})
 * @param templates the templates it may be run with; empty for the general ones (every template but
 *     {@code vision} and {@code yes_no})
 */
public record Benchmark(
    String name,
    String title,
    String hfRepo,
    String hfConfig,
    String split,
    List<String> fileGlobs,
    ColumnMapping columns,
    String singleTask,
    Map<String, Integer> expectedTasks,
    int expectedTotal,
    Optional<String> rowFilter,
    PromptStyle promptStyle,
    AnswerStyle answerStyle,
    Set<Metric> metrics,
    List<String> aliases,
    List<PromptTemplate> templates) {

  public Benchmark {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(hfRepo, "hfRepo");
    Objects.requireNonNull(hfConfig, "hfConfig");
    Objects.requireNonNull(split, "split");
    fileGlobs = List.copyOf(fileGlobs);
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(singleTask, "singleTask");
    expectedTasks = Collections.unmodifiableMap(new LinkedHashMap<>(expectedTasks));
    Objects.requireNonNull(rowFilter, "rowFilter");
    Objects.requireNonNull(promptStyle, "promptStyle");
    Objects.requireNonNull(answerStyle, "answerStyle");
    metrics = Set.copyOf(metrics);
    aliases = List.copyOf(aliases);
    templates = List.copyOf(templates);
    if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
      throw new IllegalArgumentException("benchmark name must be lower-case kebab, got " + name);
    }
    if (expectedTotal < 0) {
      throw new IllegalArgumentException(name + ": expectedTotal must be >= 0 (0: unknown)");
    }
    if (!expectedTasks.isEmpty()
        && expectedTotal > 0
        && expectedTasks.values().stream().mapToInt(Integer::intValue).sum() > expectedTotal) {
      throw new IllegalArgumentException(name + ": task counts exceed expectedTotal");
    }
    if (answerStyle == AnswerStyle.CHOICES_COLUMN && columns.choices().isEmpty()) {
      throw new IllegalArgumentException(name + ": CHOICES_COLUMN needs a choices column");
    }
  }

  /** The templates this benchmark may be run with. */
  public List<PromptTemplate> allowedTemplates() {
    if (!templates.isEmpty()) {
      return templates;
    }
    return java.util.Arrays.stream(PromptTemplate.values())
        .filter(t -> t != PromptTemplate.VISION && t != PromptTemplate.YES_NO)
        .toList();
  }

  /** The template a run uses when none is asked for: the first allowed one. */
  public PromptTemplate defaultTemplate() {
    return templates.isEmpty() ? PromptTemplate.SPATIAL_THINKER : templates.get(0);
  }

  /**
   * Checks that a template suits this benchmark.
   *
   * @throws IllegalArgumentException naming the templates it takes
   */
  public void checkTemplate(PromptTemplate template) {
    if (!allowedTemplates().contains(template)) {
      throw new IllegalArgumentException(
          "benchmark "
              + name
              + " does not take the "
              + template.cliName()
              + " template; it takes "
              + String.join(
                  ", ", allowedTemplates().stream().map(PromptTemplate::cliName).toList()));
    }
  }

  /** The {@code huggingface-cli download} line that fetches the data. */
  public String downloadHint() {
    return "huggingface-cli download " + hfRepo + " --repo-type dataset --local-dir data/" + name;
  }
}
