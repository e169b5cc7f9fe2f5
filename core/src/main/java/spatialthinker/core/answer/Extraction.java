package spatialthinker.core.answer;

import java.util.Objects;
import java.util.Optional;

/**
 * What an answer extractor read from a response.
 *
 * @param answer the answer: an option letter ({@code "B"}) for a multiple-choice question, or the
 *     normalised text for a free-form one; empty when the response gives no answer or several
 * @param rule how it was read (for audits), e.g. {@code answer-tag/leading-letter} or {@code
 *     marker/several-choices}
 */
public record Extraction(Optional<String> answer, String rule) {

  public Extraction {
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(rule, "rule");
  }

  /** No answer, with the reason. */
  public static Extraction none(String rule) {
    return new Extraction(Optional.empty(), rule);
  }

  /** True when an answer was read. */
  public boolean isPresent() {
    return answer.isPresent();
  }
}
