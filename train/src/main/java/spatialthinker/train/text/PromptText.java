package spatialthinker.train.text;

import java.util.ArrayList;
import java.util.List;
import spatialthinker.core.prompt.SpatialThinkerPrompt;
import spatialthinker.core.prompt.StvqaProblem;

/**
 * What the policy reads of a prompt: the problem without the fixed instruction paragraph of the
 * SpatialThinker template (the same for every row, so it carries no information and would only
 * lengthen every sequence), keeping the image size line and the question with its options. A
 * problem in the STVQA-7K form ({@link StvqaProblem}) reads the same as the older form with the
 * SpatialThinker instruction: {@code Image size: (W x H)}, a newline, the question with options.
 */
public final class PromptText {

  private static final String INSTRUCTION_START = "You FIRST observe";
  private static final String INSTRUCTION_END = "</answer>";

  private final Canonicalizer canonicalizer;

  public PromptText(Canonicalizer canonicalizer) {
    this.canonicalizer = canonicalizer;
  }

  /** The canonical policy prompt of a problem text. */
  public String of(String problem) {
    var stvqa = StvqaProblem.parse(problem);
    if (stvqa.isPresent()) {
      var p = stvqa.get();
      return canonicalizer.canonical(
          SpatialThinkerPrompt.imageSize(p.width(), p.height())
              + "\n"
              + p.questionWithOptions().strip());
    }
    String[] paragraphs = problem.replace("\r\n", "\n").split("\n\\s*\n");
    List<String> kept = new ArrayList<>();
    for (String p : paragraphs) {
      String t = p.strip();
      int at = t.indexOf(INSTRUCTION_START);
      if (at >= 0) {
        // The instruction ends with its example answer; text around it in the same paragraph stays.
        int end = t.lastIndexOf(INSTRUCTION_END);
        end = end < at ? -1 : end;
        int after = end < 0 ? t.length() : end + INSTRUCTION_END.length();
        if (after < t.length() && t.charAt(after) == '.') {
          after++;
        }
        t = (t.substring(0, at) + "\n" + t.substring(after)).strip();
      }
      if (!t.isEmpty()) {
        kept.add(t);
      }
    }
    String joined = kept.isEmpty() ? problem : String.join("\n", kept);
    return canonicalizer.canonical(joined);
  }
}
