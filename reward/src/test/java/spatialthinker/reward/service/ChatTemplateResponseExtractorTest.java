package spatialthinker.reward.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spatialthinker.reward.service.ChatTemplateResponseExtractor.Extraction;
import spatialthinker.reward.service.ChatTemplateResponseExtractor.Source;

class ChatTemplateResponseExtractorTest {

  private static final String PROBLEM = "Where is the cup? Image size: (640 x 480)";
  private static final String RESPONSE =
      "<think>the cup is behind</think><answer>(B) behind</answer>";

  private final ChatTemplateResponseExtractor extractor = new ChatTemplateResponseExtractor();

  static Stream<Arguments> templates() {
    return Stream.of(
        Arguments.of(
            Source.CHATML,
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
                + "<|vision_start|><|image_pad|><|vision_end|>"
                + PROBLEM
                + "<|im_end|>\n<|im_start|>assistant\n",
            "<|im_end|>"),
        Arguments.of(
            Source.CHATML,
            "<|im_start|>user\n" + PROBLEM + "<|im_end|>\n<|im_start|>assistant\n",
            "<|im_end|>\n<|endoftext|>"),
        Arguments.of(
            Source.LLAMA3,
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n"
                + PROBLEM
                + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            "<|eot_id|>"),
        Arguments.of(
            Source.GEMMA,
            "<bos><start_of_turn>user\n" + PROBLEM + "<end_of_turn>\n<start_of_turn>model\n",
            "<end_of_turn>\n<eos>"),
        Arguments.of(Source.MISTRAL, "<s>[INST] " + PROBLEM + " [/INST] ", "</s>"),
        Arguments.of(Source.MISTRAL, "<s>[INST] " + PROBLEM + "[/INST]", "</s>"),
        Arguments.of(Source.PLAIN, "User: " + PROBLEM + "\nAssistant: ", "</s>"),
        Arguments.of(Source.PLAIN, "USER: <image>\n" + PROBLEM + " ASSISTANT:", ""));
  }

  @ParameterizedTest
  @MethodSource("templates")
  void findsResponseAfterLastAssistantMarker(Source template, String prompt, String end) {
    Extraction split = extractor.extract(prompt + RESPONSE + end);

    assertThat(split.response()).isEqualTo(RESPONSE);
    assertThat(split.source()).isEqualTo(template);
    assertThat(split.problem()).contains("Image size: (640 x 480)");
  }

  @ParameterizedTest
  @MethodSource("templates")
  void usesPromptPrefixWhenQueryStartsWithPrompt(Source template, String prompt, String end) {
    Extraction split = extractor.extract(prompt + RESPONSE + end, Optional.of(prompt));

    assertThat(split.response()).isEqualTo(RESPONSE);
    assertThat(split.source()).isEqualTo(Source.PROMPT_PREFIX);
    assertThat(split.problem()).isEqualTo(prompt);
  }

  @Test
  void multiTurnQueryTakesTheLastAssistantTurn() {
    String query =
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\nhello<|im_end|>\n"
            + "<|im_start|>user\n"
            + PROBLEM
            + "<|im_end|>\n<|im_start|>assistant\n"
            + RESPONSE
            + "<|im_end|>";

    assertThat(extractor.extract(query).response()).isEqualTo(RESPONSE);
  }

  @Test
  void plainMarkerInsideAChatmlResponseDoesNotCutIt() {
    String response = "<think>Assistant: I think so</think><answer>(A) left</answer>";
    String query =
        "<|im_start|>user\nq<|im_end|>\n<|im_start|>assistant\n" + response + "<|im_end|>";

    Extraction split = extractor.extract(query);

    assertThat(split.response()).isEqualTo(response);
    assertThat(split.source()).isEqualTo(Source.CHATML);
  }

  @Test
  void promptPrefixKeepsMarkerTextTheModelWrote() {
    String prompt = "User: " + PROBLEM + "\nAssistant: ";
    String response = "<think>Assistant: yes</think><answer>(A) left</answer>";

    Extraction split = extractor.extract(prompt + response, Optional.of(prompt));

    assertThat(split.response()).isEqualTo(response);
  }

  @Test
  void promptWithoutGenerationPromptLeavesMarkerToStrip() {
    String prompt = "<|im_start|>user\n" + PROBLEM + "<|im_end|>\n";
    String query = prompt + "<|im_start|>assistant\n" + RESPONSE + "<|im_end|>";

    Extraction split = extractor.extract(query, Optional.of(prompt));

    assertThat(split.response()).isEqualTo(RESPONSE);
    assertThat(split.source()).isEqualTo(Source.PROMPT_PREFIX);
  }

  @Test
  void promptThatIsNotAPrefixFallsBackToMarkers() {
    // The query decodes the prompt tokens differently (an expanded image placeholder).
    String prompt =
        "<|im_start|>user\n<|image_pad|>" + PROBLEM + "<|im_end|>\n<|im_start|>assistant\n";
    String query =
        "<|im_start|>user\n<|image_pad|><|image_pad|><|image_pad|>"
            + PROBLEM
            + "<|im_end|>\n<|im_start|>assistant\n"
            + RESPONSE
            + "<|im_end|>";

    Extraction split = extractor.extract(query, Optional.of(prompt));

    assertThat(split.response()).isEqualTo(RESPONSE);
    assertThat(split.source()).isEqualTo(Source.CHATML);
  }

  @Test
  void withoutMarkerOrPromptTheWholeQueryIsTheResponse() {
    Extraction split = extractor.extract(RESPONSE + "</s>");

    assertThat(split.response()).isEqualTo(RESPONSE);
    assertThat(split.source()).isEqualTo(Source.WHOLE_QUERY);
  }

  @Test
  void withoutMarkerARawPromptPrefixIsRemoved() {
    Extraction split = extractor.extract(PROBLEM + RESPONSE, Optional.of(PROBLEM));

    assertThat(split.response()).isEqualTo(RESPONSE);
  }

  @Test
  void keepsWhiteSpaceTheModelWroteBeforeTheEndToken() {
    String query = "<|im_start|>assistant\n" + RESPONSE + "\n<|im_end|>";

    assertThat(extractor.extract(query).response()).isEqualTo(RESPONSE + "\n");
  }

  @Test
  void removesOnlyTheTemplateSeparatorAfterTheMarker() {
    String query = "<|im_start|>assistant\n\n " + RESPONSE;

    assertThat(extractor.extract(query).response()).isEqualTo("\n " + RESPONSE);
  }

  @Test
  void emptyResponseIsEmpty() {
    assertThat(extractor.extract("<|im_start|>assistant\n<|im_end|>").response()).isEmpty();
  }

  @Test
  void stripsStackedEndTokens() {
    assertThat(
            ChatTemplateResponseExtractor.stripEndTokens("x<|im_end|>\n<|endoftext|><|endoftext|>"))
        .isEqualTo("x");
    assertThat(ChatTemplateResponseExtractor.stripEndTokens("x \n")).isEqualTo("x \n");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // a guard: the linear strip takes milliseconds
  void strips200kEndTokensInOnePass() {
    String query = "<|im_start|>assistant\n" + RESPONSE + "<|im_end|>".repeat(200_000);

    assertThat(extractor.extract(query).response()).isEqualTo(RESPONSE);
  }

  @Test
  void stripMatchesTheTokenByTokenDefinitionOnRandomTails() {
    SplittableRandom random = new SplittableRandom(14);
    String[] pieces = {"<|im_end|>", "<|endoftext|>", "</s>", "<eos>", " ", "\n", "x", "<|im_end"};
    for (int trial = 0; trial < 5_000; trial++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(8);
      for (int i = 0; i < n; i++) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = b.toString();
      assertThat(ChatTemplateResponseExtractor.stripEndTokens(s)).as(s).isEqualTo(reference(s));
    }
  }

  /** The definition, one substring per token. */
  private static String reference(String s) {
    List<String> tokens =
        List.of(
            "<|im_end|>",
            "<|endoftext|>",
            "<|eot_id|>",
            "<|end_of_text|>",
            "<end_of_turn>",
            "<eos>",
            "</s>",
            "<|end|>");
    String text = s;
    boolean removed = true;
    while (removed) {
      removed = false;
      for (String token : tokens) {
        if (text.endsWith(token)) {
          text = text.substring(0, text.length() - token.length());
          removed = true;
          break;
        }
      }
      if (removed) {
        String trimmed = text.stripTrailing();
        if (trimmed.length() < text.length() && tokens.stream().anyMatch(trimmed::endsWith)) {
          text = trimmed;
        }
      }
    }
    return text;
  }
}
