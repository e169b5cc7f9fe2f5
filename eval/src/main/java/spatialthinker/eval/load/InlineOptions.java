package spatialthinker.eval.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spatialthinker.core.answer.Choices;

/**
 * Options written inline in a question, on one line: {@code Options: A. left, B. right}, {@code A)
 * left B) right}, {@code Choices: A: yes; B: no}. Capital letters from A in order, each followed by
 * {@code .}, {@code )} or {@code :} and a space, at the start of the text or after a space or
 * separator; at least two. Tried after {@link Choices#parseFrom} (parenthesised letters, and {@code
 * A. x} lines) finds none.
 */
final class InlineOptions {

  private static final Pattern MARK = Pattern.compile("(?<=^|[\\s:;,(])([A-Z])[.):]\\s+");
  private static final Pattern TRAILING =
      Pattern.compile("(?:\\s*[,;]\\s*(?:or)?|\\s+or)\\s*$", Pattern.CASE_INSENSITIVE);

  private InlineOptions() {}

  /** The options written inline in a text; {@link Choices#NONE} when there are not two. */
  static Choices parse(String text) {
    Choices listed = Choices.parseFrom(text);
    if (!listed.isEmpty()) {
      return listed;
    }
    for (String line : text.split("\\R")) {
      Choices c = parseLine(line);
      if (!c.isEmpty()) {
        return c;
      }
    }
    return Choices.NONE;
  }

  private static Choices parseLine(String line) {
    Matcher m = MARK.matcher(line);
    List<int[]> marks = new ArrayList<>();
    while (m.find()) {
      char c = m.group(1).charAt(0);
      if (c == 'A') {
        if (marks.size() >= 2) {
          break;
        }
        marks.clear();
        marks.add(new int[] {m.start(), m.end()});
      } else if (!marks.isEmpty() && c == 'A' + marks.size()) {
        marks.add(new int[] {m.start(), m.end()});
      }
    }
    if (marks.size() < 2 || marks.size() > Choices.MAX_OPTIONS) {
      return Choices.NONE;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < marks.size(); i++) {
      int from = marks.get(i)[1];
      int to = i + 1 < marks.size() ? marks.get(i + 1)[0] : line.length();
      String option = TRAILING.matcher(line.substring(from, to).strip()).replaceAll("").strip();
      if (i == marks.size() - 1) {
        // the last option ends at a sentence end (a following instruction is not part of it)
        int stop = option.indexOf(". ");
        if (stop > 0) {
          option = option.substring(0, stop);
        }
        option = option.replaceAll("[.?!]$", "").strip();
      }
      if (option.isEmpty()) {
        return Choices.NONE;
      }
      out.add(option);
    }
    return new Choices(out);
  }
}
