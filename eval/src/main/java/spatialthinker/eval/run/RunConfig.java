package spatialthinker.eval.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import spatialthinker.eval.benchmark.Benchmark;
import spatialthinker.eval.benchmark.PromptTemplate;

/**
 * The settings of an evaluation run.
 *
 * @param benchmark the benchmark
 * @param data its parquet file or directory
 * @param template the prompt template
 * @param out the run directory
 * @param concurrency requests in flight at most
 * @param limit evaluate only the first items
 * @param resume continue a run in {@code out}, skipping finished items
 * @param retryFailed with {@code resume}, run again the items whose requests failed
 * @param maxTokens most tokens per reply
 * @param temperature sampling temperature; empty for the server's default
 * @param extraBody request fields passed through to the server
 * @param fsync force every prediction line to disk
 * @param strict stop before the first request when a row of the data cannot be scored, instead of
 *     leaving it out
 */
public record RunConfig(
    Benchmark benchmark,
    Path data,
    PromptTemplate template,
    Path out,
    int concurrency,
    OptionalLong limit,
    boolean resume,
    boolean retryFailed,
    int maxTokens,
    OptionalDouble temperature,
    Map<String, Object> extraBody,
    boolean fsync,
    boolean strict) {

  public RunConfig {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(template, "template");
    benchmark.checkTemplate(template);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(temperature, "temperature");
    extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
    for (String reserved : java.util.List.of("messages", "model", "system")) {
      if (extraBody.containsKey(reserved)) {
        throw new IllegalArgumentException(
            "--extra-body cannot set '" + reserved + "': the run sets it and run.json records it");
      }
    }
    if (concurrency < 1 || concurrency > 4096) {
      throw new IllegalArgumentException("--concurrency must be in [1, 4096], got " + concurrency);
    }
    if (limit.isPresent() && limit.getAsLong() < 1) {
      throw new IllegalArgumentException("--limit must be >= 1, got " + limit.getAsLong());
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("--max-tokens must be >= 1, got " + maxTokens);
    }
    if (retryFailed && !resume) {
      throw new IllegalArgumentException("--retry-failed needs --resume");
    }
  }

  /** Settings that leave rows that cannot be scored out of the run (not strict). */
  public RunConfig(
      Benchmark benchmark,
      Path data,
      PromptTemplate template,
      Path out,
      int concurrency,
      OptionalLong limit,
      boolean resume,
      boolean retryFailed,
      int maxTokens,
      OptionalDouble temperature,
      Map<String, Object> extraBody,
      boolean fsync) {
    this(
        benchmark,
        data,
        template,
        out,
        concurrency,
        limit,
        resume,
        retryFailed,
        maxTokens,
        temperature,
        extraBody,
        fsync,
        false);
  }

  /** This configuration, stopping on rows that cannot be scored when {@code s}. */
  public RunConfig withStrict(boolean s) {
    return new RunConfig(
        benchmark,
        data,
        template,
        out,
        concurrency,
        limit,
        resume,
        retryFailed,
        maxTokens,
        temperature,
        extraBody,
        fsync,
        s);
  }

  /** Defaults: 2048 tokens, temperature 0, no limit, no extra fields. */
  public static RunConfig of(
      Benchmark benchmark, Path data, PromptTemplate template, Path out, int concurrency) {
    return new RunConfig(
        benchmark,
        data,
        template,
        out,
        concurrency,
        OptionalLong.empty(),
        false,
        false,
        2048,
        OptionalDouble.of(0.0),
        Map.of(),
        false);
  }

  /** This configuration evaluating only the first {@code n} items. */
  public RunConfig withLimit(long n) {
    return new RunConfig(
        benchmark,
        data,
        template,
        out,
        concurrency,
        OptionalLong.of(n),
        resume,
        retryFailed,
        maxTokens,
        temperature,
        extraBody,
        fsync,
        strict);
  }

  /** This configuration resuming (and optionally retrying failures). */
  public RunConfig withResume(boolean r, boolean retry) {
    return new RunConfig(
        benchmark,
        data,
        template,
        out,
        concurrency,
        limit,
        r,
        retry,
        maxTokens,
        temperature,
        extraBody,
        fsync,
        strict);
  }

  /** This configuration with other generation settings. */
  public RunConfig withGeneration(int tokens, OptionalDouble temp, Map<String, Object> extra) {
    return new RunConfig(
        benchmark,
        data,
        template,
        out,
        concurrency,
        limit,
        resume,
        retryFailed,
        tokens,
        temp,
        extra,
        fsync,
        strict);
  }
}
