package spatialthinker.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How far the answers of each category can be guessed without the image. Per category: the share of
 * each answer class ({@link QuestionTemplate}: option text, or the slot of a named object), the
 * positive/negative share of yes/no and contact answers, the classes that occur as options but
 * never as answers, and the accuracy of blind priors against chance (the mean of {@code 1/k} over
 * the rows, {@code k} options each).
 *
 * <p>A blind prior answers each row with the option whose class was the most common answer of the
 * row's key among the rows it learned from (ties share the credit; a key never seen falls back to
 * the category's counts). Three keys: the template ({@link QuestionTemplate#template}), the
 * template with shape words ({@link QuestionTemplate#withLabels}) and the template with its option
 * set. The blind prior of a category is the best of the three. It is measured trained on train and
 * scored on val, and, with less noise, by {@value #FOLDS}-fold cross-fitting over all rows with the
 * folds drawn by image (each row scored by a prior that never saw its image).
 *
 * <p>A category is flagged {@code SKEW} when an answer class or a polarity holds more than {@value
 * #MAX_SHARE} of its rows, when a class is an option but never an answer, or when a blind prior
 * (cross-fitted, or on val) exceeds chance by more than {@value #MAX_GAIN_POINTS} points plus the
 * noise of its estimate ({@link #noisePoints}: 1.645 standard errors, about 4.6 points on 312 rows
 * of two options, 1.4 on 2,500 rows): on a few hundred rows a prior with no real gain scores a few
 * points above chance as often as below, and a gate for scripts must not fail on that. The report
 * marks a point estimate above the bound but within the noise with {@code (above bound, within
 * noise)}.
 *
 * @param categories one entry per category with rows, in category order
 */
public record AnswerBalance(List<CategoryBalance> categories) {

  /** Most share an answer class or a polarity may hold in a category. */
  public static final double MAX_SHARE = 0.6;

  /** Most points a blind prior may score above chance. */
  public static final double MAX_GAIN_POINTS = 5;

  /** Folds of the cross-fitted blind prior. */
  public static final int FOLDS = 5;

  /**
   * A blind prior's score on some rows.
   *
   * @param rows rows scored
   * @param accuracy best accuracy of the three keys, in [0, 1] (NaN without rows)
   * @param byKey accuracy of each key: {@code template}, {@code labels}, {@code options}
   * @param chance mean of 1/k over the rows
   */
  public record Score(int rows, double accuracy, Map<String, Double> byKey, double chance) {

    /** Points above chance. */
    public double gainPoints() {
      return (accuracy - chance) * 100;
    }
  }

  /**
   * The balance of one category.
   *
   * @param category the category word
   * @param rows its rows
   * @param answerShares share of rows per answer class, largest first
   * @param positiveShare share of positive answers among its yes/no and contact rows (NaN when
   *     none)
   * @param polarRows rows with a yes/no or contact answer
   * @param missing classes that occur as options but never as answers
   * @param val blind prior trained on train, scored on val
   * @param crossFitted blind prior by cross-fitting over all rows
   * @param skews why the category is skewed; empty when it is not
   */
  public record CategoryBalance(
      String category,
      int rows,
      Map<String, Double> answerShares,
      double positiveShare,
      int polarRows,
      Set<String> missing,
      Score val,
      Score crossFitted,
      List<String> skews) {

    /** True when something in the category is skewed. */
    public boolean skewed() {
      return !skews.isEmpty();
    }
  }

  /**
   * What the balance is computed from: one row reduced to what a blind model sees.
   *
   * @param category the category word
   * @param imageId the image (folds are drawn by image)
   * @param split {@code train} or {@code val}
   * @param template the question's template and option classes
   */
  public record Entry(String category, String imageId, String split, QuestionTemplate template) {

    /** The entry of a row. */
    public static Entry of(QaRow r) {
      return new Entry(r.category(), r.imageId(), r.split(), QuestionTemplate.of(r));
    }
  }

  /** The balance of some rows. */
  public static AnswerBalance of(List<QaRow> rows) {
    return ofEntries(rows.stream().map(Entry::of).toList());
  }

  /** The balance of some entries. */
  public static AnswerBalance ofEntries(List<Entry> rows) {
    Map<String, List<Entry>> by = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      by.put(c.word(), new ArrayList<>());
    }
    for (Entry r : rows) {
      by.computeIfAbsent(r.category(), k -> new ArrayList<>()).add(r);
    }
    List<CategoryBalance> out = new ArrayList<>();
    by.forEach(
        (c, rs) -> {
          if (!rs.isEmpty()) {
            out.add(category(c, rs));
          }
        });
    return new AnswerBalance(out);
  }

  /** True when any category is skewed. */
  public boolean skewed() {
    return categories.stream().anyMatch(CategoryBalance::skewed);
  }

  private static CategoryBalance category(String name, List<Entry> rows) {
    List<QuestionTemplate> ts = rows.stream().map(Entry::template).toList();
    Map<String, Integer> answers = new HashMap<>();
    Set<String> offered = new TreeSet<>();
    int positive = 0;
    int polar = 0;
    for (QuestionTemplate t : ts) {
      answers.merge(t.answerClass(), 1, Integer::sum);
      offered.addAll(t.optionClasses());
      int p = QuestionTemplate.polarity(t.answerClass());
      if (p != 0) {
        polar++;
        positive += p > 0 ? 1 : 0;
      }
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    answers.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> shares.put(e.getKey(), e.getValue() / (double) rows.size()));
    Set<String> missing = new TreeSet<>(offered);
    missing.removeAll(answers.keySet());
    List<QuestionTemplate> train =
        rows.stream().filter(r -> r.split().equals(QaRow.TRAIN)).map(Entry::template).toList();
    List<QuestionTemplate> val =
        rows.stream().filter(r -> r.split().equals(QaRow.VAL)).map(Entry::template).toList();
    Score valScore = score(train, val);
    Score cross = crossFitted(rows);
    double positiveShare = polar == 0 ? Double.NaN : positive / (double) polar;

    List<String> skews = new ArrayList<>();
    shares.forEach(
        (a, s) -> {
          if (s > MAX_SHARE) {
            skews.add(String.format(Locale.ROOT, "answer '%s' holds %.1f%%", a, s * 100));
          }
        });
    if (polar > 0 && Math.max(positiveShare, 1 - positiveShare) > MAX_SHARE) {
      skews.add(
          String.format(
              Locale.ROOT,
              "%s answers hold %.1f%% of yes/no and contact rows",
              positiveShare > 0.5 ? "positive" : "negative",
              Math.max(positiveShare, 1 - positiveShare) * 100));
    }
    if (!missing.isEmpty()) {
      skews.add("options never the answer: " + String.join(", ", missing));
    }
    blind(cross, "cross-fitted", skews);
    blind(valScore, "on val", skews);
    return new CategoryBalance(
        name, rows.size(), shares, positiveShare, polar, missing, valScore, cross, skews);
  }

  // Flags a blind prior whose gain over chance exceeds the bound by more than the noise of its
  // estimate (one-sided 95%: 1.645 standard errors of an accuracy near chance on its rows).
  private static void blind(Score s, String where, List<String> skews) {
    if (s.rows() == 0) {
      return;
    }
    if (s.gainPoints() > MAX_GAIN_POINTS + noisePoints(s)) {
      skews.add(
          String.format(
              Locale.ROOT,
              "blind prior %.1f%% against chance %.1f%% (%s, %d rows)",
              s.accuracy() * 100,
              s.chance() * 100,
              where,
              s.rows()));
    }
  }

  /** The allowance for the noise of a blind prior's estimate, in points. */
  public static double noisePoints(Score s) {
    return 1.645 * Math.sqrt(s.chance() * (1 - s.chance()) / s.rows()) * 100;
  }

  private static final List<String> KEYS = List.of("template", "labels", "options");

  private static final List<Function<QuestionTemplate, String>> KEY_OF =
      List.of(
          QuestionTemplate::template,
          QuestionTemplate::withLabels,
          t -> t.template() + "\u001f" + t.optionSet());

  /** A blind prior learned on {@code train} and scored on {@code test} (one category's rows). */
  public static Score score(List<QuestionTemplate> train, List<QuestionTemplate> test) {
    return scoreTemplates(train, test);
  }

  private static Score scoreTemplates(List<QuestionTemplate> train, List<QuestionTemplate> test) {
    double chance = 0;
    for (QuestionTemplate t : test) {
      chance += 1.0 / t.optionClasses().size();
    }
    Map<String, Integer> overall = new HashMap<>();
    train.forEach(t -> overall.merge(t.answerClass(), 1, Integer::sum));
    Map<String, Double> byKey = new LinkedHashMap<>();
    double best = test.isEmpty() ? Double.NaN : 0;
    for (int k = 0; k < KEYS.size(); k++) {
      Function<QuestionTemplate, String> key = KEY_OF.get(k);
      Map<String, Map<String, Integer>> counts = new HashMap<>();
      for (QuestionTemplate t : train) {
        counts
            .computeIfAbsent(key.apply(t), x -> new HashMap<>())
            .merge(t.answerClass(), 1, Integer::sum);
      }
      double right = 0;
      for (QuestionTemplate t : test) {
        right += credit(t, counts.getOrDefault(key.apply(t), Map.of()), overall);
      }
      double acc = test.isEmpty() ? Double.NaN : right / test.size();
      byKey.put(KEYS.get(k), acc);
      if (!test.isEmpty()) {
        best = Math.max(best, acc);
      }
    }
    return new Score(test.size(), best, byKey, test.isEmpty() ? Double.NaN : chance / test.size());
  }

  // Credit of answering t with its option most often right under the key (ties share).
  private static double credit(
      QuestionTemplate t, Map<String, Integer> counts, Map<String, Integer> overall) {
    Map<String, Integer> use = counts;
    if (t.optionClasses().stream().noneMatch(c -> counts.getOrDefault(c, 0) > 0)) {
      use = overall;
    }
    int max = -1;
    int tied = 0;
    boolean answerTied = false;
    for (String c : new TreeSet<>(t.optionClasses())) {
      int n = use.getOrDefault(c, 0);
      if (n > max) {
        max = n;
        tied = 0;
        answerTied = false;
      }
      if (n == max) {
        tied++;
        answerTied |= c.equals(t.answerClass());
      }
    }
    return answerTied ? 1.0 / tied : 0;
  }

  private static Score crossFitted(List<Entry> rows) {
    Map<Integer, List<QuestionTemplate>> folds = new TreeMap<>();
    for (Entry r : rows) {
      int f = (int) Long.remainderUnsigned(StableHash.of("fold", r.imageId()), FOLDS);
      folds.computeIfAbsent(f, x -> new ArrayList<>()).add(r.template());
    }
    double chance = 0;
    Map<String, Double> byKey = new LinkedHashMap<>();
    KEYS.forEach(k -> byKey.put(k, 0.0));
    // Each key's right answers are summed over the folds; the best key over all rows counts.
    for (Map.Entry<Integer, List<QuestionTemplate>> e : folds.entrySet()) {
      List<QuestionTemplate> train = new ArrayList<>();
      folds.forEach(
          (f, ts) -> {
            if (!f.equals(e.getKey())) {
              train.addAll(ts);
            }
          });
      Score s = scoreTemplates(train, e.getValue());
      s.byKey().forEach((k, a) -> byKey.merge(k, a * s.rows(), Double::sum));
      chance += s.chance() * s.rows();
    }
    int n = rows.size();
    double best = 0;
    for (String k : KEYS) {
      byKey.put(k, byKey.get(k) / n);
      best = Math.max(best, byKey.get(k));
    }
    return new Score(n, best, byKey, chance / n);
  }

  /** A readable report: one line per category, then one per skew. */
  public List<String> report() {
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            Locale.ROOT,
            "%-18s %5s  %-8s %-22s %-22s %s",
            "category",
            "rows",
            "positive",
            "blind val (chance)",
            "blind 5-fold (chance)",
            "answers"));
    for (CategoryBalance c : categories) {
      StringBuilder a = new StringBuilder();
      int shown = 0;
      for (Map.Entry<String, Double> e : c.answerShares().entrySet()) {
        if (shown++ == 10) {
          a.append(" …");
          break;
        }
        a.append(
            String.format(
                Locale.ROOT, "%s%s %.1f%%", shown > 1 ? ", " : "", e.getKey(), e.getValue() * 100));
      }
      out.add(
          String.format(
              Locale.ROOT,
              "%-18s %5d  %-8s %-22s %-22s %s%s",
              c.category(),
              c.rows(),
              c.polarRows() == 0
                  ? "-"
                  : String.format(Locale.ROOT, "%.1f%%", c.positiveShare() * 100),
              pair(c.val()),
              pair(c.crossFitted())
                  + (c.crossFitted().rows() > 0 && c.crossFitted().gainPoints() > MAX_GAIN_POINTS
                      ? "*"
                      : ""),
              a,
              c.skewed() ? "  SKEW" : ""));
    }
    for (CategoryBalance c : categories) {
      StringBuilder k = new StringBuilder("blind prior by key, 5-fold: " + c.category());
      c.crossFitted()
          .byKey()
          .forEach((key, v) -> k.append(String.format(Locale.ROOT, " %s %.1f%%", key, v * 100)));
      out.add(k.toString());
    }
    for (CategoryBalance c : categories) {
      for (String s : c.skews()) {
        out.add("SKEW " + c.category() + ": " + s);
      }
    }
    if (categories.stream()
        .anyMatch(
            c -> c.crossFitted().rows() > 0 && c.crossFitted().gainPoints() > MAX_GAIN_POINTS)) {
      out.add(
          "* blind prior above chance + "
              + (int) MAX_GAIN_POINTS
              + " points, but within the noise of its estimate (above bound, within noise)");
    }
    if (!skewed()) {
      out.add(
          String.format(
              Locale.ROOT,
              "no skew: every answer class and polarity at most %.0f%%, every offered class"
                  + " answered, blind prior at most chance + %.0f points (plus noise)",
              MAX_SHARE * 100,
              MAX_GAIN_POINTS));
    }
    return out;
  }

  private static String pair(Score s) {
    if (s.rows() == 0) {
      return "-";
    }
    return String.format(
        Locale.ROOT, "%.1f%% (%.1f%%) n=%d", s.accuracy() * 100, s.chance() * 100, s.rows());
  }
}
