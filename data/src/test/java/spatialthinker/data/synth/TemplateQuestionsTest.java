package spatialthinker.data.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spatialthinker.data.Category;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.Kind;
import spatialthinker.scenes.ObjectTruth;
import spatialthinker.scenes.Scene;
import spatialthinker.scenes.SceneGenerator;
import spatialthinker.scenes.ScenesJsonl;

class TemplateQuestionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Scene> SCENES = new ArrayList<>();

  @BeforeAll
  static void render() {
    SceneGenerator gen = new SceneGenerator(96);
    for (int i = 0; i < 120; i++) {
      SCENES.add(gen.generate(SceneGenerator.sceneSeed(21, i), String.format("%06d", i)).scene());
    }
  }

  // Every candidate of a maker over the scenes (no per-scene cap).
  private static List<QaItem> all(QuestionMaker m) {
    List<QaItem> out = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(4);
    for (Scene s : SCENES) {
      out.addAll(m.make(new SceneFacts(s), r));
    }
    return out;
  }

  private static List<Kind> shapesNamed(QaItem q) {
    List<Kind> out = new ArrayList<>();
    for (String w : q.question().toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      for (Kind k : Kind.values()) {
        if (w.equals(k.word()) || w.equals(CountQuestions.plural(k))) {
          out.add(k);
        }
      }
    }
    return out;
  }

  @Test
  void relationOptionsAreAPredicateAndItsInverse() {
    List<QaItem> qs = all(new RelationQuestions());
    assertThat(qs).isNotEmpty();
    List<String> vertical = List.of("on top of", "under", "above", "below");
    assertThat(qs)
        .allSatisfy(
            q -> {
              assertThat(q.options()).hasSize(2);
              assertThat(Category.RELATION).isEqualTo(q.category());
              if (vertical.contains(q.answerText())) {
                assertThat(shapesNamed(q))
                    .allSatisfy(k -> assertThat(k).isIn(Kind.CUBE, Kind.CYLINDER));
              }
            });
    assertThat(qs.stream().map(QaItem::answerText).distinct())
        .contains("on top of", "under", "above", "below");
  }

  @Test
  void reachAsksTheFourClassesOnlyOfPairsThatStackEitherWay() {
    List<QaItem> qs = all(new ReachQuestions());
    List<QaItem> fourWay = qs.stream().filter(q -> q.options().size() == 4).toList();
    assertThat(fourWay.stream().map(QaItem::answerText).distinct())
        .contains("resting on", "supporting", "touching side by side", "not touching");
    assertThat(fourWay)
        .allSatisfy(
            q ->
                assertThat(shapesNamed(q))
                    .hasSize(2)
                    .allSatisfy(k -> assertThat(k).isIn(Kind.CUBE, Kind.CYLINDER)));
    assertThat(qs.stream().filter(q -> q.options().size() == 2).map(QaItem::answerText).distinct())
        .contains("yes", "no");
  }

  @Test
  void stackingExistenceAsksOnlyAboutPairsTheSamplerCanStack() {
    List<QaItem> stacks =
        all(new ExistenceQuestions()).stream()
            .filter(q -> q.question().contains("on top of"))
            .toList();
    assertThat(stacks.stream().map(QaItem::answerText).distinct()).contains("yes", "no");
    assertThat(stacks)
        .allSatisfy(
            q -> {
              List<Kind> k = shapesNamed(q);
              assertThat(k).hasSize(2);
              assertThat(k.get(0).stackable() && k.get(1).hasFlatTop()).as(q.question()).isTrue();
            });
  }

  @Test
  void countsRunFromZeroToThreeWithFixedOptions() {
    List<QaItem> qs = all(new CountQuestions());
    assertThat(qs).allSatisfy(q -> assertThat(q.options()).isEqualTo(CountQuestions.OPTIONS));
    assertThat(qs.stream().map(QaItem::answerText).distinct()).contains("0", "1", "2", "3");
  }

  @Test
  void noCountOrExistenceQuestionAboutAKindDrawnBelowTheVisibilityThreshold() throws Exception {
    // A scene without cones: cones are asked about (count 0, existence no) until a hidden cone is
    // recorded as drawn.
    Scene plain =
        SCENES.stream()
            .filter(
                s ->
                    s.truth().orElseThrow().objects().stream()
                        .map(ObjectTruth::shape)
                        .noneMatch(k -> k == Kind.CONE))
            .findFirst()
            .orElseThrow();
    assertThat(about(plain, "cone")).isNotEmpty();
    ObjectNode n = (ObjectNode) JSON.readTree(ScenesJsonl.toLine(plain));
    n.putArray("hidden")
        .addObject()
        .put("shape", "cone")
        .put("color", "red")
        .put("material", "matte")
        .put("size", "small")
        .put("visible_fraction", 0.15)
        .put("pixels", 30);
    Scene hidden = ScenesJsonl.parse(JSON.writeValueAsString(n), Path.of("/d"), "l");
    assertThat(about(hidden, "cone")).isEmpty();
    // Other kinds are still asked about.
    assertThat(about(hidden, "cube")).isNotEmpty();
  }

  // Count and existence candidates of a scene that name the shape.
  private static List<QaItem> about(Scene s, String shape) {
    SceneFacts f = new SceneFacts(s);
    List<QaItem> out = new ArrayList<>();
    out.addAll(new CountQuestions().make(f, new SplittableRandom(1)));
    out.addAll(new ExistenceQuestions().make(f, new SplittableRandom(1)));
    return out.stream()
        .filter(q -> q.question().toLowerCase(Locale.ROOT).matches(".*\\b" + shape + "s?\\b.*"))
        .toList();
  }
}
