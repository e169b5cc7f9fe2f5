package spatialthinker.data.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneGraph;
import spatialthinker.core.graph.SceneObject;
import spatialthinker.data.Category;
import spatialthinker.data.QaItem;
import spatialthinker.scenes.Scene;
import spatialthinker.scenes.SceneImage;

class ReplyCheckerTest {

  static final Scene SCENE =
      new Scene(
          "42",
          new SceneImage.Bytes("42.jpg", new byte[] {1}),
          640,
          480,
          new SceneGraph(
              List.of(
                  new SceneObject("man.1", new Box(10, 10, 100, 300)),
                  new SceneObject("man.2", new Box(200, 10, 300, 300)),
                  new SceneObject("horse.1", new Box(300, 100, 600, 400))),
              List.of(new Relation("man.1", "riding", "horse.1"))),
          Optional.empty());

  @Test
  void correctsACountFromTheGraph() {
    QaItem q =
        ReplyChecker.check(
            SCENE,
            "{\"question\": \"How many men are there in the image?\", \"options\": [\"(A) 1\","
                + " \"(B) 3\", \"(C) 4\"], \"answer\": \"B\", \"category\": \"count\", \"level\":"
                + " \"easy\", \"rating\": 4}");
    assertThat(q.options()).containsExactly("1", "2", "4");
    assertThat(q.answerText()).isEqualTo("2");
    assertThat(q.subgraph().objects())
        .extracting(SceneObject::id)
        .containsExactly("man.1", "man.2");
  }

  @Test
  void keepsOnlyMentionedObjectsAndTheirRelations() {
    QaItem q =
        ReplyChecker.check(
            SCENE,
            "Here: {\"question\": \"What is the man doing with the horse?\", \"options\":"
                + " [\"riding\", \"feeding\"], \"answer\": \"riding\", \"category\": \"REL_ON\","
                + " \"level\": \"medium\", \"rating\": 7}");
    assertThat(q.category()).isEqualTo(Category.RELATION);
    assertThat(q.subgraph().relationships()).hasSize(1);
    assertThat(q.subgraph().objects()).hasSize(3);
  }

  @Test
  void rejectsAnObjectTheGraphLacks() {
    assertThatThrownBy(
            () ->
                ReplyChecker.check(
                    SCENE,
                    "{\"question\": \"Is the man left of the dog?\", \"options\": [\"yes\","
                        + " \"no\"], \"answer\": \"A\", \"category\": \"relation\", \"level\":"
                        + " \"easy\", \"rating\": 4}"))
        .hasMessage("question names 'dog', which is not in the scene graph");
  }

  @Test
  void asksAgainForTextThatIsNotJson() {
    assertThatThrownBy(() -> ReplyChecker.check(SCENE, "no JSON here"))
        .isInstanceOfSatisfying(
            ReplyChecker.BadReplyException.class, e -> assertThat(e.retry).isTrue());
  }

  @Test
  void rejectsAnAnswerThatIsNotAnOption() {
    assertThatThrownBy(
            () ->
                ReplyChecker.check(
                    SCENE,
                    "{\"question\": \"Where is the horse?\", \"options\": [\"left\", \"right\"],"
                        + " \"answer\": \"D\", \"category\": \"instance_location\", \"level\":"
                        + " \"easy\", \"rating\": 4}"))
        .hasMessageContaining("answer 'D' is not one of the options");
  }
}
