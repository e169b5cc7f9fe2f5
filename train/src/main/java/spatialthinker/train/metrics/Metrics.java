package spatialthinker.train.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code metrics.jsonl}: the phase ({@code sft}/{@code grpo}), the kind ({@code train}
 * or {@code val}), the step, and named values in insertion order.
 */
public record Metrics(String phase, String kind, long step, Map<String, Object> values) {

  public Metrics {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(kind, "kind");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A numeric value, or NaN when absent. */
  public double get(String name) {
    Object v = values.get(name);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
