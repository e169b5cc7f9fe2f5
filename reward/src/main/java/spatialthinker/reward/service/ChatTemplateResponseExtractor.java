package spatialthinker.reward.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Splits a chat-templated {@code query} (prompt and response rendered together, as OpenRLHF sends
 * them) into the model's response and the prompt before it.
 *
 * <p>Order of attempts:
 *
 * <ol>
 *   <li>When the prompt is given and the query starts with it, the response is the rest (an
 *       assistant marker right at its start is removed, for prompts rendered without the generation
 *       prompt). This is exact even when the response itself contains marker text.
 *   <li>Otherwise the text after the last assistant-turn marker of the first template family found
 *       in the query, in this order: ChatML/Qwen ({@code <|im_start|>assistant}), Llama 3 ({@code
 *       <|start_header_id|>assistant<|end_header_id|>}), Gemma ({@code <start_of_turn>model}),
 *       Mistral/Llama 2 ({@code [/INST]}), plain ({@code Assistant:} or {@code ASSISTANT:}).
 *       Special-token families come first so that a response mentioning {@code Assistant:} is not
 *       cut short in a ChatML query.
 *   <li>Otherwise the whole query.
 * </ol>
 *
 * The separator the template puts after its marker (a newline, two for Llama 3, a space for Mistral
 * and plain) is removed, and so are trailing end-of-turn tokens ({@code <|im_end|>}, {@code
 * <|endoftext|>}, {@code <|eot_id|>}, {@code <|end_of_text|>}, {@code <end_of_turn>}, {@code
 * <eos>}, {@code </s>}, {@code <|end|>}); white space the model wrote itself is kept, because the
 * format reward judges it.
 */
public final class ChatTemplateResponseExtractor {

  /** How the response was located. */
  public enum Source {
    PROMPT_PREFIX,
    CHATML,
    LLAMA3,
    GEMMA,
    MISTRAL,
    PLAIN,
    WHOLE_QUERY
  }

  /**
   * The result of one split.
   *
   * @param response the model's response, end-of-turn tokens removed
   * @param problem the text before the response: the prompt as rendered
   * @param source how the response was located
   */
  public record Extraction(String response, String problem, Source source) {

    public Extraction {
      Objects.requireNonNull(response, "response");
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(source, "source");
    }
  }

  private record Marker(Source source, String text, List<String> separators) {}

  private static final List<Marker> MARKERS =
      List.of(
          new Marker(Source.CHATML, "<|im_start|>assistant", List.of("\n")),
          new Marker(
              Source.LLAMA3,
              "<|start_header_id|>assistant<|end_header_id|>",
              List.of("\n\n", "\n")),
          new Marker(Source.GEMMA, "<start_of_turn>model", List.of("\n")),
          new Marker(Source.MISTRAL, "[/INST]", List.of(" ")),
          new Marker(Source.PLAIN, "Assistant:", List.of(" ", "\n")),
          new Marker(Source.PLAIN, "ASSISTANT:", List.of(" ", "\n")));

  private static final List<String> END_TOKENS =
      List.of(
          "<|im_end|>",
          "<|endoftext|>",
          "<|eot_id|>",
          "<|end_of_text|>",
          "<end_of_turn>",
          "<eos>",
          "</s>",
          "<|end|>");

  /** Splits {@code query}; {@code prompt} is the rendered prompt when the caller has it. */
  public Extraction extract(String query, Optional<String> prompt) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(prompt, "prompt");
    if (prompt.isPresent() && !prompt.get().isEmpty() && query.startsWith(prompt.get())) {
      String rest = stripLeadingMarker(query.substring(prompt.get().length()));
      return new Extraction(stripEndTokens(rest), prompt.get(), Source.PROMPT_PREFIX);
    }
    for (int family = 0; family < MARKERS.size(); ) {
      Source source = MARKERS.get(family).source();
      int bestStart = -1;
      Marker best = null;
      for (; family < MARKERS.size() && MARKERS.get(family).source() == source; family++) {
        Marker m = MARKERS.get(family);
        int at = query.lastIndexOf(m.text());
        if (at > bestStart) {
          bestStart = at;
          best = m;
        }
      }
      if (best != null) {
        int end = skipSeparator(query, bestStart + best.text().length(), best.separators());
        return new Extraction(
            stripEndTokens(query.substring(end)), query.substring(0, bestStart), source);
      }
    }
    return new Extraction(stripEndTokens(query), query, Source.WHOLE_QUERY);
  }

  /** Splits {@code query} when no prompt is known. */
  public Extraction extract(String query) {
    return extract(query, Optional.empty());
  }

  private static String stripLeadingMarker(String rest) {
    int i = 0;
    while (i < rest.length() && Character.isWhitespace(rest.charAt(i))) {
      i++;
    }
    for (Marker m : MARKERS) {
      if (rest.startsWith(m.text(), i)) {
        return rest.substring(skipSeparator(rest, i + m.text().length(), m.separators()));
      }
    }
    return rest;
  }

  private static int skipSeparator(String s, int from, List<String> separators) {
    for (String sep : separators) {
      if (s.startsWith(sep, from)) {
        return from + sep.length();
      }
    }
    return from;
  }

  /**
   * Removes end-of-turn tokens at the end; white space between two such tokens goes too, white
   * space before the first one stays. Works on an end index, so the cost is linear in the length
   * whatever the number of tokens.
   */
  static String stripEndTokens(String s) {
    int end = s.length();
    boolean removed = true;
    while (removed) {
      removed = false;
      for (String token : END_TOKENS) {
        if (end >= token.length() && s.startsWith(token, end - token.length())) {
          end -= token.length();
          removed = true;
          break;
        }
      }
      if (removed) {
        int e = end;
        while (e > 0 && Character.isWhitespace(s.charAt(e - 1))) {
          e--;
        }
        if (e < end && endsWithEndToken(s, e)) {
          end = e;
        }
      }
    }
    return s.substring(0, end);
  }

  private static boolean endsWithEndToken(String text, int end) {
    for (String token : END_TOKENS) {
      if (end >= token.length() && text.startsWith(token, end - token.length())) {
        return true;
      }
    }
    return false;
  }
}
