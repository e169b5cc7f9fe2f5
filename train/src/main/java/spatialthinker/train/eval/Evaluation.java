package spatialthinker.train.eval;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Results of a policy on a set of prompts, with means overall and per category. */
public record Evaluation(List<ItemResult> items) {

  public Evaluation {
    items = List.copyOf(items);
  }

  public double mean(ToDoubleFunction<ItemResult> f) {
    return items.stream().mapToDouble(f).average().orElse(0);
  }

  public double reward() {
    return mean(i -> i.score().overall());
  }

  /**
   * Share of responses whose first answer is the right option, whatever their format. The dense
   * reward's accuracy component makes the same comparison but is 0 for a malformed response, so it
   * would count a policy that drops the scene graph as wrong even where it answers right.
   */
  public double accuracy() {
    return mean(i -> i.answerRight() ? 1 : 0);
  }

  public double formatRate() {
    return mean(i -> i.score().format() > 0 ? 1 : 0);
  }

  /**
   * Share of responses whose answer names the right option's text, whatever the letter before it:
   * the gap to {@link #accuracy()} is the answers that pair a text with the wrong letter.
   */
  public double answerTextAccuracy() {
    return mean(i -> i.answerTextRight() ? 1 : 0);
  }

  public double boxIou() {
    return mean(ItemResult::boxIou);
  }

  /** Accuracy per category. */
  public Map<String, Double> accuracyByCategory() {
    Map<String, double[]> acc = new TreeMap<>();
    for (ItemResult i : items) {
      double[] a = acc.computeIfAbsent(i.category(), k -> new double[2]);
      a[0] += i.answerRight() ? 1 : 0;
      a[1]++;
    }
    Map<String, Double> out = new TreeMap<>();
    acc.forEach((k, a) -> out.put(k, a[0] / a[1]));
    return out;
  }
}
