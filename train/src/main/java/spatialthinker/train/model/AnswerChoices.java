package spatialthinker.train.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spatialthinker.train.text.Canonicalizer;
import spatialthinker.train.text.Tokenizer;

/**
 * Closed-set answering: once the policy opens {@code <answer>}, the tokens it may write are those
 * of one of the options its prompt lists, written as the teacher writes them ({@code (B) behind})
 * and closed by {@code </answer>}. Among those the policy's own logits choose (greedy or sampled),
 * so the answer is always an option of the question, with its own letter; what the policy chooses,
 * and everything before and after the answer, is unchanged. A prompt that lists no options leaves
 * decoding free.
 */
public final class AnswerChoices {

  private static final Pattern OPTION =
      Pattern.compile("\\(([A-Z])\\)\\s*(.*?)\\s*(?=\\([A-Z]\\)|\\n|$)");

  private final int open;
  private final List<int[]> sequences;

  AnswerChoices(int open, List<int[]> sequences) {
    this.open = open;
    this.sequences = List.copyOf(sequences);
  }

  /** The token id that starts an answer. */
  public int open() {
    return open;
  }

  /** Each option's tokens after {@code <answer>}, ending with {@code </answer>}. */
  public List<int[]> sequences() {
    return sequences;
  }

  /**
   * The choices of a policy prompt (its text as the policy reads it), or null when it lists no
   * options whose tokens the tokenizer knows.
   */
  public static AnswerChoices of(String prompt, Tokenizer tok, Canonicalizer canon) {
    int at = prompt.lastIndexOf("Options:");
    if (at < 0) {
      return null;
    }
    int[] openIds = tok.encode("<answer>");
    int[] closeIds = tok.encode("</answer>");
    if (openIds.length != 1 || closeIds.length != 1) {
      return null;
    }
    List<int[]> seqs = new ArrayList<>();
    Matcher m = OPTION.matcher(prompt.substring(at + "Options:".length()));
    while (m.find()) {
      String text = m.group(2).strip();
      if (text.isEmpty()) {
        continue;
      }
      int[] ids = tok.encode(canon.canonical("<answer>(" + m.group(1) + ") " + text + "</answer>"));
      if (ids.length < 3
          || ids[0] != openIds[0]
          || ids[ids.length - 1] != closeIds[0]
          || tok.unknownCount(ids) > 0) {
        continue;
      }
      seqs.add(Arrays.copyOfRange(ids, 1, ids.length));
    }
    return seqs.isEmpty() ? null : new AnswerChoices(openIds[0], seqs);
  }

  /** Where one row is: outside an answer, or k tokens into it with the options still possible. */
  static final class State {
    private final AnswerChoices choices;
    private List<int[]> alive;
    private int k;

    State(AnswerChoices choices) {
      this.choices = choices;
    }

    /** The tokens allowed next, or null when any token may come. */
    int[] allowed() {
      if (alive == null) {
        return null;
      }
      return alive.stream().mapToInt(s -> s[k]).distinct().toArray();
    }

    /** Records the token chosen. */
    void accept(int token) {
      if (alive == null) {
        if (token == choices.open) {
          alive = choices.sequences;
          k = 0;
        }
        return;
      }
      int at = k;
      alive = alive.stream().filter(s -> s[at] == token).toList();
      k++;
      if (alive.isEmpty() || alive.stream().anyMatch(s -> s.length == k)) {
        alive = null; // the option and its closing tag are written
      }
    }
  }
}
