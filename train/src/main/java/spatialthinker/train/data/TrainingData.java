package spatialthinker.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spatialthinker.train.text.Canonicalizer;
import spatialthinker.train.text.PromptText;
import spatialthinker.train.text.Tokenizer;

/** The rows of a data set split for training, and the tokenizer built from the training split. */
public final class TrainingData {

  private static final Pattern SIZE = Pattern.compile("Image size: \\((\\d+) x (\\d+)\\)");

  private final List<QaExample> train;
  private final List<QaExample> val;

  /** Splits rows by their {@code split} column; a data set without val rows is rejected. */
  public TrainingData(List<QaExample> rows, String source) {
    List<QaExample> t = new ArrayList<>();
    List<QaExample> v = new ArrayList<>();
    for (QaExample e : rows) {
      (e.isTrain() ? t : v).add(e);
    }
    if (t.isEmpty()) {
      throw new MalformedDataException(source + ": no rows with split = 'train'");
    }
    if (v.isEmpty()) {
      throw new MalformedDataException(source + ": no rows with split = 'val'");
    }
    this.train = List.copyOf(t);
    this.val = List.copyOf(v);
  }

  public List<QaExample> train() {
    return train;
  }

  public List<QaExample> val() {
    return val;
  }

  /** Rows of the training split that have a teacher response (SFT targets). */
  public List<QaExample> trainWithTeacher(String source) {
    List<QaExample> out = train.stream().filter(e -> e.teacherResponse().isPresent()).toList();
    if (out.isEmpty()) {
      throw new MalformedDataException(
          source + ": no training row has a teacher_response (needed for SFT)");
    }
    return out;
  }

  /**
   * The tokenizer of the training split: the words of the policy prompts, teacher responses and
   * ground truths, and integers up to the largest stated image side.
   */
  public Tokenizer buildTokenizer() {
    Canonicalizer canon = new Canonicalizer();
    PromptText prompt = new PromptText(canon);
    List<String> texts = new ArrayList<>();
    int maxSide = 9;
    for (QaExample e : train) {
      texts.add(prompt.of(e.problem()));
      texts.add(canon.canonical(e.groundTruth()));
      e.teacherResponse().ifPresent(r -> texts.add(canon.canonical(r)));
      Matcher m = SIZE.matcher(e.problem());
      if (m.find()) {
        maxSide =
            Math.max(maxSide, Math.max(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
      }
    }
    return Tokenizer.build(texts, maxSide);
  }
}
