package spatialthinker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import spatialthinker.core.graph.SceneGraph;

class QaItemTest {

  static QaItem item(List<String> options, int answer) {
    return new QaItem(
        "000001",
        Category.DEPTH,
        "Which is closer to the camera, the cube or the cone?",
        options,
        answer,
        new Difficulty(Level.EASY, 3),
        SceneGraph.EMPTY,
        "",
        "");
  }

  @Test
  void rejectsDuplicateOptionsIgnoringCase() {
    assertThatThrownBy(() -> item(List.of("cube", "Cube"), 0))
        .hasMessageContaining("000001 depth")
        .hasMessageContaining("options must be distinct");
  }

  @Test
  void rejectsOneOrFiveOptions() {
    assertThatThrownBy(() -> item(List.of("cube"), 0)).hasMessageContaining("2 to 4 options");
    assertThatThrownBy(() -> item(List.of("a", "b", "c", "d", "e"), 0))
        .hasMessageContaining("2 to 4 options");
  }

  @Test
  void rejectsAnAnswerOutsideTheOptions() {
    assertThatThrownBy(() -> item(List.of("cube", "cone"), 2))
        .hasMessageContaining("answerIndex 2 is outside");
  }

  @Test
  void shuffleIsStableAndKeepsTheAnswer() {
    QaItem q = item(List.of("cube", "cone", "sphere"), 1);
    List<String> a = QaRows.shuffled(q);
    assertThat(a).containsExactlyInAnyOrder("cube", "cone", "sphere");
    assertThat(QaRows.shuffled(item(List.of("sphere", "cone", "cube"), 1))).isEqualTo(a);
  }

  @Test
  void difficultyGrowsAsTheMarginShrinks() {
    Difficulty clear = Difficulty.measure(1, 1, 2, 0);
    Difficulty close = Difficulty.measure(0, 0.2, 8, 2);
    assertThat(clear.level()).isEqualTo(Level.EASY);
    assertThat(clear.rating()).isEqualTo(1);
    assertThat(close.level()).isEqualTo(Level.HARD);
    assertThat(close.rating()).isEqualTo(10);
  }
}
