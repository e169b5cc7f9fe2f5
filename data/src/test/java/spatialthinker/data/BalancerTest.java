package spatialthinker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spatialthinker.core.graph.SceneGraph;

class BalancerTest {

  static List<QaItem> items(Category c, int n) {
    List<QaItem> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new QaItem(
              "img" + (i % 50),
              c,
              c.word() + " question " + i,
              List.of("yes", "no"),
              0,
              new Difficulty(Level.MEDIUM, 1 + i % 10),
              SceneGraph.EMPTY,
              "",
              ""));
    }
    return out;
  }

  static List<QaItem> pool(Map<Category, Integer> sizes) {
    List<QaItem> all = new ArrayList<>();
    sizes.forEach((c, n) -> all.addAll(items(c, n)));
    return all;
  }

  @Test
  void givesRelationItsShareAndTheRestEvenly() {
    List<QaItem> all = new ArrayList<>();
    for (Category c : Category.values()) {
      all.addAll(items(c, 500));
    }
    Balancer.Plan p = Balancer.select(all, 1000, 50, 1);
    assertThat(p.selected()).hasSize(1000);
    assertThat(p.taken().get(Category.RELATION)).isEqualTo(500);
    for (Category c : Category.values()) {
      if (c != Category.RELATION) {
        assertThat(p.taken().get(c)).isBetween(62, 63);
      }
    }
    assertThat(p.shortfalls()).isEmpty();
  }

  @Test
  void movesAShortCategorysQuotaToTheOthersAndReportsIt() {
    List<QaItem> all = new ArrayList<>();
    for (Category c : Category.values()) {
      all.addAll(items(c, c == Category.COUNT ? 10 : 500));
    }
    Balancer.Plan p = Balancer.select(all, 1000, 50, 1);
    assertThat(p.selected()).hasSize(1000);
    assertThat(p.taken().get(Category.COUNT)).isEqualTo(10);
    assertThat(p.taken().get(Category.RELATION)).isEqualTo(500);
    assertThat(p.shortfalls()).singleElement().asString().startsWith("count: 10 of 62");
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (Category c : Category.values()) {
      if (c != Category.RELATION && c != Category.COUNT) {
        min = Math.min(min, p.taken().get(c));
        max = Math.max(max, p.taken().get(c));
      }
    }
    assertThat(max - min).isLessThanOrEqualTo(1);
  }

  @Test
  void shrinksTheTotalWhenRelationRunsShortSoTheShareHolds() {
    List<QaItem> all = new ArrayList<>();
    for (Category c : Category.values()) {
      all.addAll(items(c, c == Category.RELATION ? 100 : 500));
    }
    Balancer.Plan p = Balancer.select(all, 1000, 50, 1);
    assertThat(p.selected()).hasSize(200);
    assertThat(p.taken().get(Category.RELATION)).isEqualTo(100);
    assertThat(p.shortfalls()).contains("total: 200 of 1000");
  }

  @Test
  void takesTopRatedFirst() {
    Balancer.Plan p = Balancer.select(items(Category.RELATION, 100), 10, 100, 1);
    assertThat(p.selected()).allSatisfy(q -> assertThat(q.difficulty().rating()).isEqualTo(10));
  }

  @Test
  void seedBreaksTiesReproducibly() {
    List<QaItem> all = items(Category.RELATION, 100);
    assertThat(Balancer.select(all, 5, 100, 1).selected())
        .isEqualTo(Balancer.select(all, 5, 100, 1).selected())
        .isNotEqualTo(Balancer.select(all, 5, 100, 2).selected());
  }

  @Test
  void balancesAnswerClassesWithinEachTemplateWhateverTheRating() {
    // 400 yes and 100 no questions of one template, the yes ones rated higher; and 300 four-way
    // questions of another, mostly "not touching".
    List<QaItem> all = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      boolean yes = i < 400;
      all.add(
          new QaItem(
              "img" + i,
              Category.EXISTENCE,
              "Is there a red cube number " + i + " in the image?",
              List.of("yes", "no"),
              yes ? 0 : 1,
              new Difficulty(Level.MEDIUM, yes ? 9 : 2),
              SceneGraph.EMPTY,
              "",
              ""));
    }
    List<String> classes =
        List.of("resting on", "supporting", "touching side by side", "not touching");
    for (int i = 0; i < 300; i++) {
      int answer = i < 30 ? i % 3 : 3;
      all.add(
          new QaItem(
              "img" + i,
              Category.EXISTENCE,
              "How is the cube " + i + " in contact with the sphere?",
              classes,
              answer,
              new Difficulty(Level.MEDIUM, 5),
              SceneGraph.EMPTY,
              "",
              ""));
    }
    Balancer.Plan p = Balancer.select(all, 1000, 0, 1, true);
    // yes/no: 100 rounds of 2; four-way: 10 rounds of 4.
    assertThat(p.available().get(Category.EXISTENCE)).isEqualTo(240);
    List<QaItem> chosen =
        p.selected().stream().filter(q -> q.category() == Category.EXISTENCE).toList();
    assertThat(chosen).hasSize(240);
    java.util.Map<String, Long> by =
        chosen.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    QaItem::answerText, java.util.stream.Collectors.counting()));
    assertThat(by)
        .containsEntry("yes", 100L)
        .containsEntry("no", 100L)
        .containsEntry("resting on", 10L)
        .containsEntry("not touching", 10L);
    assertThat(
            AnswerBalance.ofEntries(
                    chosen.stream()
                        .map(
                            q ->
                                new AnswerBalance.Entry(
                                    "existence", q.imageId(), QaRow.TRAIN, QuestionTemplate.of(q)))
                        .toList())
                .categories()
                .get(0)
                .answerShares()
                .get("yes"))
        .isLessThanOrEqualTo(AnswerBalance.MAX_SHARE);
  }

  @Test
  void evenRowsPerTemplateGroupWhenSupplyAllows() {
    List<QaItem> all = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      for (String phrasing : List.of("Is there a cube %d?", "Does the image hold a cube %d?")) {
        all.add(
            new QaItem(
                "img" + i,
                Category.COUNT,
                String.format(phrasing, i),
                List.of("yes", "no"),
                i % 2,
                new Difficulty(Level.MEDIUM, 1 + i % 10),
                SceneGraph.EMPTY,
                "",
                ""));
      }
    }
    Balancer.Plan p = Balancer.select(all, 100, 0, 3, true);
    List<QaItem> count = p.selected().stream().filter(q -> q.category() == Category.COUNT).toList();
    assertThat(count).hasSize(p.taken().get(Category.COUNT));
    long first = count.stream().filter(q -> q.question().startsWith("Is there")).count();
    assertThat(Math.abs(2 * first - count.size())).isLessThanOrEqualTo(2);
  }

  @Test
  void rejectsAShareOutsideZeroToHundred() {
    assertThatThrownBy(() -> Balancer.select(List.of(), 10, 120, 1))
        .hasMessageContaining("--relation-percent must be in [0, 100], got 120");
  }
}
