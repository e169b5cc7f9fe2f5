package spatialthinker.eval.score;

import java.util.Objects;
import java.util.Optional;

/**
 * A response read and scored.
 *
 * @param pred the extracted answer (letter, or free-form normal form); empty for no answer
 * @param correct whether it matches the ground truth
 * @param rule how the answer was read
 * @param grounding grounding metrics, for items with a ground-truth scene graph
 */
public record Scored(
    Optional<String> pred, boolean correct, String rule, Optional<Grounding> grounding) {

  public Scored {
    Objects.requireNonNull(pred, "pred");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(grounding, "grounding");
    if (correct && pred.isEmpty()) {
      throw new IllegalArgumentException("no answer can be correct");
    }
  }
}
