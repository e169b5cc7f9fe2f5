package spatialthinker.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnswerBalanceTest {

  private static final String[] SHAPES = {"cube", "sphere", "cylinder", "cone"};
  private static final String[] COLOURS = {"red", "blue", "green", "gray"};

  // A row of an existence question; image i, val for one image in ten.
  private static AnswerBalance.Entry entry(int image, String question, boolean yes) {
    List<String> options = yes ? List.of("yes", "no") : List.of("no", "yes");
    return new AnswerBalance.Entry(
        "existence",
        "img" + image,
        image % 10 == 0 ? QaRow.VAL : QaRow.TRAIN,
        QuestionTemplate.of(question, options, 0));
  }

  // Existence questions whose answers are drawn by answer(random) from the question's shapes.
  private static List<AnswerBalance.Entry> existence(int n, Answer answer) {
    SplittableRandom r = new SplittableRandom(11);
    List<AnswerBalance.Entry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String top = SHAPES[r.nextInt(SHAPES.length)];
      String bottom = SHAPES[r.nextInt(SHAPES.length)];
      String colour = COLOURS[r.nextInt(COLOURS.length)];
      String q =
          r.nextBoolean()
              ? "Is there a " + colour + " " + top + " in the image?"
              : "Is there a " + top + " on top of a " + bottom + " in the picture?";
      out.add(entry(i / 2, q, answer.yes(r, top, bottom)));
    }
    return out;
  }

  interface Answer {
    boolean yes(SplittableRandom r, String top, String bottom);
  }

  private static AnswerBalance.CategoryBalance only(List<AnswerBalance.Entry> rows) {
    AnswerBalance b = AnswerBalance.ofEntries(rows);
    assertThat(b.categories()).hasSize(1);
    return b.categories().get(0);
  }

  @Test
  void aBalancedSetIsNotFlagged() {
    AnswerBalance.CategoryBalance c = only(existence(2000, (r, t, b) -> r.nextBoolean()));
    assertThat(c.skews()).isEmpty();
    assertThat(c.answerShares().get("yes")).isBetween(0.45, 0.55);
    assertThat(c.crossFitted().chance()).isEqualTo(0.5);
    assertThat(c.crossFitted().gainPoints()).isLessThan(AnswerBalance.MAX_GAIN_POINTS);
    assertThat(AnswerBalance.ofEntries(existence(2000, (r, t, b) -> r.nextBoolean())).report())
        .last()
        .asString()
        .startsWith("no skew");
  }

  @Test
  void aSetThatLeansToOneAnswerIsFlagged() {
    AnswerBalance.CategoryBalance c = only(existence(2000, (r, t, b) -> r.nextDouble() < 0.2));
    assertThat(c.skewed()).isTrue();
    assertThat(c.skews())
        .anySatisfy(s -> assertThat(s).startsWith("answer 'no' holds"))
        .anySatisfy(s -> assertThat(s).startsWith("negative answers hold"))
        .anySatisfy(s -> assertThat(s).contains("(cross-fitted, 2000 rows)"));
    assertThat(c.crossFitted().accuracy()).isGreaterThan(0.75);
  }

  @Test
  void blindPriorFlagsASetWhoseAnswersFollowFromTheQuestionText() {
    // Half yes overall, but a stacking question is yes exactly when the top is not a cone and the
    // bottom is a cube or a cylinder: the shape words give the answer away.
    AnswerBalance.CategoryBalance c =
        only(
            existence(
                4000,
                (r, t, b) ->
                    t.equals(b) ? r.nextBoolean() : b.equals("cube") || b.equals("cylinder")));
    assertThat(c.answerShares().get("yes")).isBetween(0.4, 0.6);
    assertThat(c.positiveShare()).isBetween(0.4, 0.6);
    assertThat(c.crossFitted().byKey().get("template")).isLessThan(0.56);
    assertThat(c.crossFitted().byKey().get("labels")).isGreaterThan(0.6);
    assertThat(c.skews()).anySatisfy(s -> assertThat(s).contains("blind prior"));
  }

  @Test
  void anOptionThatIsNeverTheAnswerIsFlagged() {
    List<AnswerBalance.Entry> rows = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 400; i++) {
      String answer = r.nextBoolean() ? "left of" : "right of";
      List<String> options = new ArrayList<>(List.of(answer, "on top of"));
      rows.add(
          new AnswerBalance.Entry(
              "relation",
              "img" + i,
              QaRow.TRAIN,
              QuestionTemplate.of(
                  "Where is the red cube with respect to the sphere?", options, 0)));
    }
    AnswerBalance.CategoryBalance c = only(rows);
    assertThat(c.missing()).containsExactly("on top of");
    assertThat(c.skews()).anySatisfy(s -> assertThat(s).contains("never the answer: on top of"));
  }

  @Test
  void namedAnswersBecomeTheSlotOfTheirMention() {
    QuestionTemplate t =
        QuestionTemplate.of(
            "Which is closer to the camera, the large red cube or the sphere?",
            List.of("sphere", "large red cube"),
            0);
    assertThat(t.template()).isEqualTo("which is closer to the camera, the <1> or the <2>?");
    assertThat(t.optionClasses()).containsExactly("<2>", "<1>");
    assertThat(t.answerClass()).isEqualTo("<2>");
    QuestionTemplate c =
        QuestionTemplate.of("How many red cubes can you see?", List.of("2", "3"), 1);
    assertThat(c.template()).isEqualTo("how many <a> <k> can you see?");
    assertThat(c.withLabels()).isEqualTo("how many <a> cubes can you see?");
    assertThat(c.answerClass()).isEqualTo("3");
  }

  @Test
  void valScoreUsesOnlyTrainRows() {
    // Train answers always yes, val always no: a prior from train is wrong on every val row.
    List<AnswerBalance.Entry> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      boolean val = i % 10 == 0;
      rows.add(
          new AnswerBalance.Entry(
              "existence",
              "img" + i,
              val ? QaRow.VAL : QaRow.TRAIN,
              QuestionTemplate.of(
                  "Is there a cube in the image?", List.of("yes", "no"), val ? 1 : 0)));
    }
    AnswerBalance.CategoryBalance c = only(rows);
    assertThat(c.val().rows()).isEqualTo(10);
    assertThat(c.val().accuracy()).isZero();
  }
}
