package spatialthinker.reward.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import spatialthinker.reward.RewardInput;

class RequestBodiesTest {

  private final RequestBodies bodies =
      new RequestBodies(1 << 20, new ChatTemplateResponseExtractor());

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsRecordsAndRewardName() {
    RequestBodies.BatchRequest request =
        bodies.batch(
            utf8(
                "{\"reward\": \"sparse\", \"records\": [{\"response\": \"r\", \"ground_truth\":"
                    + " \"g\", \"problem\": \"p\", \"response_length\": 3}]}"));

    assertThat(request.reward()).contains("sparse");
    assertThat(request.inputs()).containsExactly(new RewardInput("r", "g", "p"));
  }

  @Test
  void nullRewardNameMeansTheDefault() {
    assertThat(bodies.batch(utf8("{\"reward\": null, \"records\": []}")).reward()).isEmpty();
  }

  @Test
  void readsABareArray() {
    assertThat(
            bodies
                .batch(utf8("[{\"response\": \"r\", \"ground_truth\": \"g\", \"problem\": \"\"}]"))
                .inputs())
        .containsExactly(new RewardInput("r", "g", ""));
  }

  @Test
  void namesWhatIsWrong() {
    assertError("{}", "records: missing");
    assertError("{\"records\": {}}", "records: expected an array, got object");
    assertError("{\"records\": [], \"reward\": 3}", "reward: expected a string, got number");
    assertError("{\"records\": [1]}", "records[0]: expected an object, got number");
    assertError(
        "[{\"response\": \"r\", \"ground_truth\": null, \"problem\": \"p\"}]",
        "records[0].ground_truth: expected a string, got null");
    assertError(
        "\"text\"", "body: expected an object with \"records\" or an array of records, got string");
    assertError("   ", "body: empty, expected JSON");
  }

  @Test
  void reportsWhereTheJsonBreaks() {
    assertThatThrownBy(() -> bodies.batch(utf8("{\"records\":\n [}")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("body: not valid JSON at line 2, column 3");
  }

  @Test
  void refusesAbsurdNesting() {
    String deep = "[".repeat(100) + "]".repeat(100);

    assertThatThrownBy(() -> bodies.batch(utf8(deep)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("body: nested deeper than 64 levels");
  }

  @Test
  void refusesTextAfterTheJsonValue() {
    assertThatThrownBy(() -> bodies.batch(utf8("[] trailing")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("body: ")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> bodies.batch(utf8("[] []")))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("body: text after the JSON value at line 1, column 3");
  }

  @Test
  void namesNanWithoutParserInternals() {
    assertThatThrownBy(() -> bodies.openRlhf(utf8("{\"query\": NaN}")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("body: not valid JSON at line 1, column ")
        .hasMessageContaining("NaN")
        .hasMessageNotContaining("`")
        .hasMessageNotContaining("Feature")
        .hasMessageNotContaining("StreamRead");
  }

  @Test
  void openRlhfSplitsQueriesAndUsesPromptsAsProblems() {
    String prompt = "<|im_start|>user\nImage size: (4 x 3)<|im_end|>\n<|im_start|>assistant\n";
    List<RewardInput> inputs =
        bodies.openRlhf(
            utf8(
                "{\"query\": [\""
                    + json(prompt + "<answer>(A) x</answer><|im_end|>")
                    + "\"], \"prompts\": [\""
                    + json(prompt)
                    + "\"], \"labels\": [\"<answer>(A) x</answer>\"]}"));

    assertThat(inputs)
        .containsExactly(
            new RewardInput("<answer>(A) x</answer>", "<answer>(A) x</answer>", prompt));
  }

  @Test
  void openRlhfWithoutPromptsTakesTheTextBeforeTheResponse() {
    List<RewardInput> inputs =
        bodies.openRlhf(
            utf8(
                "{\"query\": [\"User: Image size: (4 x 3)\\nAssistant: yes</s>\"], \"prompts\": null,"
                    + " \"labels\": [\"yes\"]}"));

    assertThat(inputs)
        .containsExactly(new RewardInput("yes", "yes", "User: Image size: (4 x 3)\n"));
  }

  @Test
  void openRlhfNamesWhatIsWrong() {
    assertOpenRlhfError("[]", "body: expected a JSON object, got array");
    assertOpenRlhfError("{\"labels\": []}", "query: missing");
    assertOpenRlhfError(
        "{\"query\": \"q\", \"labels\": []}", "query: expected an array of strings, got string");
    assertOpenRlhfError(
        "{\"query\": [\"q\"], \"labels\": [\"l\"], \"prompts\": []}",
        "prompts: length 0 differs from query length 1");
    assertOpenRlhfError(
        "{\"query\": [\"q\"], \"labels\": [null]}", "labels[0]: expected a string, got null");
  }

  private void assertError(String body, String message) {
    assertThatThrownBy(() -> bodies.batch(utf8(body)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(message);
  }

  private void assertOpenRlhfError(String body, String message) {
    assertThatThrownBy(() -> bodies.openRlhf(utf8(body)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(message);
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
