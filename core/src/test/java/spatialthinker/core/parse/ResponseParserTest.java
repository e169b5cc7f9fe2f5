package spatialthinker.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import spatialthinker.core.geometry.Box;
import spatialthinker.core.graph.Relation;
import spatialthinker.core.graph.SceneObject;

class ResponseParserTest {

  private final ResponseParser parser = new ResponseParser();

  private static String response(String scene) {
    return "<observe>a cup left of a plate</observe>\n<scene>"
        + scene
        + "</scene>\n<think>the cup is left</think>\n<answer> (A) left </answer>";
  }

  @Test
  void readsAWellFormedResponse() {
    ParsedResponse r =
        parser.parse(
            response(
                "{\"objects\": [{\"id\": \"cup.1\", \"bbox\": [1, 2, 30, 40]},"
                    + " {\"id\": \"plate.1\", \"bbox\": [50, 2, 90, 40.5]}],"
                    + " \"relationships\": [{\"subject\": \"cup.1\", \"predicate\": \"left of\","
                    + " \"object\": \"plate.1\"}]}"));
    assertThat(r.isWellFormatted()).isTrue();
    assertThat(r.answerText()).contains("(A) left");
    assertThat(r.observe().content()).contains("a cup left of a plate");
    assertThat(r.sceneGraph().graph().orElseThrow().objects())
        .containsExactly(
            new SceneObject("cup.1", new Box(1, 2, 30, 40)),
            new SceneObject("plate.1", new Box(50, 2, 90, 40.5)));
    assertThat(r.sceneGraph().graph().orElseThrow().relationships())
        .containsExactly(new Relation("cup.1", "left of", "plate.1"));
    assertThat(r.sceneGraph().hasObjectsKey()).isTrue();
  }

  @Test
  void acceptsTagsInAnyOrderAndAbsentListsAsEmpty() {
    String text =
        "<answer>B</answer><think>t</think><scene>{\"relationships\": []}</scene><observe>o</observe>";
    ParsedResponse r = parser.parse(text);
    assertThat(r.formatError()).isEmpty();
    assertThat(r.sceneGraph().hasObjectsKey()).isFalse();
    assertThat(r.sceneGraph().graph().orElseThrow().objects()).isEmpty();
  }

  @Test
  void countsRepeatedOpeningTags() {
    ParsedResponse r = parser.parse(response("{\"objects\": []}") + "<think>more</think>");
    assertThat(r.think().openCount()).isEqualTo(2);
    assertThat(r.formatError()).contains("<think> occurs 2 times");
  }

  @Test
  void takesTheFirstClosedPairNonGreedily() {
    TagContent t = TagContent.find(Tag.ANSWER, "x <answer>one</answer> <answer>two</answer>");
    assertThat(t.content()).contains("one");
    assertThat(t.openCount()).isEqualTo(2);
    assertThat(TagContent.find(Tag.ANSWER, "<answer>open only").content()).isEmpty();
  }

  @Test
  void namesTheFieldThatBreaksTheScene() {
    assertThat(error("{\"objects\": [{\"id\": \"cup.1\", \"bbox\": [1, 2, 3]}]}"))
        .isEqualTo("objects[0].bbox is not 4 finite numbers");
    assertThat(error("{\"objects\": [{\"id\": \"cup\", \"bbox\": [1, 2, 3, 4]}]}"))
        .isEqualTo("objects[0].id is not a string like name.N");
    assertThat(error("{\"objects\": [{\"id\": \"cup.1\", \"bbox\": [1, 2, 3, 4], \"x\": 1}]}"))
        .isEqualTo("objects[0] must have exactly the keys id and bbox");
    assertThat(
            error(
                "{\"objects\": [{\"id\": \"a.1\", \"bbox\": [1, 2, 3, 4]},"
                    + " {\"id\": \"a.1\", \"bbox\": [1, 2, 3, 4]}]}"))
        .isEqualTo("objects[1].id 'a.1' is repeated");
    assertThat(error("{\"relationships\": [{\"subject\": \"a.1\", \"predicate\": \"on\"}]}"))
        .isEqualTo("relationships[0] must have subject, predicate and object");
    assertThat(error("{\"objects\": {}}")).isEqualTo("objects is not an array");
    assertThat(error("{}")).isEqualTo("scene JSON object is empty");
    assertThat(error("[1]")).isEqualTo("scene JSON is not an object");
    assertThat(error("{\"objects\": []} trailing")).startsWith("scene is not valid JSON");
    assertThat(error("{\"objects\": [{\"id\": \"a.1\", \"bbox\": [1, 2, 3, NaN]}]}"))
        .startsWith("scene is not valid JSON");
    assertThat(error("{\"objects\": [{\"id\": \"a.1\", \"bbox\": [1, 2, 3, 1e400]}]}"))
        .isEqualTo("objects[0].bbox is not 4 finite numbers");
  }

  @Test
  void relationsMayCarryExtraKeysAndBoxesMayUseBooleans() {
    String scene =
        "{\"objects\": [{\"id\": \"a.1\", \"bbox\": [true, 0, 3, 4]}], \"relationships\":"
            + " [{\"subject\": \"a.1\", \"predicate\": \"on\", \"object\": \"b.2\", \"w\": 1}]}";
    ParsedResponse r = parser.parse(response(scene));
    assertThat(r.formatError()).isEmpty();
    assertThat(r.sceneGraph().graph().orElseThrow().objects().get(0).bbox().x1()).isEqualTo(1.0);
    assertThat(r.sceneGraph().graph().orElseThrow().danglingRelations()).hasSize(1);
  }

  @Test
  void enforcesLimits() {
    ResponseParser small = new ResponseParser(new ParseLimits(200, 2, 1, 4));
    assertThat(small.parse("x".repeat(201)).formatError().orElseThrow())
        .contains("201 characters > limit 200");
    String three =
        "{\"objects\": [{\"id\": \"a.1\", \"bbox\": [0,0,1,1]}, {\"id\": \"a.2\", \"bbox\":"
            + " [0,0,1,1]}, {\"id\": \"a.3\", \"bbox\": [0,0,1,1]}]}";
    assertThat(small.readScene(TagContent.find(Tag.SCENE, "<scene>" + three + "</scene>")).error())
        .contains("too many objects: 3 > limit 2");
    String deep = "{\"objects\": [{\"id\": \"a.1\", \"bbox\": [[0],0,1,1]}]}";
    assertThat(small.readScene(TagContent.find(Tag.SCENE, "<scene>" + deep + "</scene>")).error())
        .hasValueSatisfying(e -> assertThat(e).startsWith("scene is not valid JSON"));
  }

  @Test
  void writesSceneJsonThatReadsBack() {
    var graph =
        new spatialthinker.core.graph.SceneGraph(
            List.of(new SceneObject("cup.1", new Box(1, 2, 3.5, 4))),
            List.of(new Relation("cup.1", "on", "table.1")));
    String json = parser.sceneJson().write(graph);
    assertThat(json)
        .isEqualTo(
            "{\"objects\":[{\"id\":\"cup.1\",\"bbox\":[1,2,3.5,4]}],\"relationships\":"
                + "[{\"subject\":\"cup.1\",\"predicate\":\"on\",\"object\":\"table.1\"}]}");
    assertThat(parser.sceneJson().parse(json).graph()).contains(graph);
  }

  @Test
  void stripsLikePython() {
    assertThat(PyText.strip("\u00a0\u2003 x y \u001f\n")).isEqualTo("x y");
    assertThat(PyText.strip("\u200b x")).isEqualTo("\u200b x");
  }

  private String error(String scene) {
    return parser.parse(response(scene)).formatError().orElse("<none>");
  }
}
