package spatialthinker.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import spatialthinker.clients.ImagePart;
import spatialthinker.core.answer.Choices;
import spatialthinker.eval.benchmark.Benchmark;
import spatialthinker.eval.benchmark.BenchmarkRegistry;
import spatialthinker.eval.benchmark.PromptTemplate;
import spatialthinker.eval.load.ItemMeta;

class PromptComposerTest {

  private static ImagePart image(int w, int h) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
    return ImagePart.of(out.toByteArray());
  }

  private static ItemMeta item(String question, Choices choices) {
    return new ItemMeta(
        0, "0", "t", Optional.empty(), question, choices, "A", "(A)", Optional.empty());
  }

  @Test
  void spatialThinkerStatesTheSizeOfTheFirstImageSent() throws IOException {
    String p =
        PromptComposer.compose(
            BenchmarkRegistry.get("blink-multi-view"),
            item(
                "Which way did the camera move?\n(A) left\n(B) right", Choices.of("left", "right")),
            PromptTemplate.SPATIAL_THINKER,
            List.of(image(640, 480), image(320, 200)));
    assertThat(p)
        .startsWith("You FIRST observe the image in <observe> </observe> tags")
        .contains("e.g., <answer> (A) cat </answer>.\n\nImage size: (640 x 480)\n\n")
        .endsWith(
            "Now answer the following question:\nWhich way did the camera move?\n(A) left\n(B) right")
        .doesNotContain("{Width}")
        .doesNotContain("{correct_option}");
  }

  @Test
  void reasoningAndNoReasoningWrapTheQuestion() throws IOException {
    ItemMeta it = item("Q?\n(A) x\n(B) y", Choices.of("x", "y"));
    Benchmark cv = BenchmarkRegistry.get("cv-bench");
    assertThat(PromptComposer.compose(cv, it, PromptTemplate.REASONING, List.of(image(8, 8))))
        .startsWith("You FIRST think about the reasoning process")
        .endsWith("</answer>.\nQuestion: Q?\n(A) x\n(B) y");
    assertThat(PromptComposer.compose(cv, it, PromptTemplate.NO_REASONING, List.of(image(8, 8))))
        .isEqualTo("Question: Q?\n(A) x\n(B) y");
  }

  @Test
  void spatialBenchAndMmvpGetTheFinalAnswerHint() throws IOException {
    String p =
        PromptComposer.compose(
            BenchmarkRegistry.get("mmvp"),
            item("Is the door open? (a) Yes (b) No", Choices.of("Yes", "No")),
            PromptTemplate.NO_REASONING,
            List.of(image(8, 8)));
    assertThat(p)
        .isEqualTo(
            "Question: Is the door open? (a) Yes (b) No. Please give the final answer within"
                + " answer tags.");
    String q =
        PromptComposer.compose(
            BenchmarkRegistry.get("spatialbench"),
            item("How many cups are there.", Choices.NONE),
            PromptTemplate.NO_REASONING,
            List.of(image(8, 8)));
    assertThat(q).endsWith("cups are there. Please give the final answer within answer tags.");
  }

  @Test
  void realWorldQaDropsTheDirectAnswerHintOnlyForSpatialThinker() throws IOException {
    ItemMeta it =
        item(
            "Which way?\nA. Left\nB. Right\nPlease answer directly with only the letter of the"
                + " correct option and nothing else.",
            Choices.of("Left", "Right"));
    Benchmark rwqa = BenchmarkRegistry.get("realworldqa");
    assertThat(
            PromptComposer.compose(rwqa, it, PromptTemplate.SPATIAL_THINKER, List.of(image(8, 8))))
        .endsWith("question:\nWhich way?\nA. Left\nB. Right");
    assertThat(PromptComposer.compose(rwqa, it, PromptTemplate.NO_REASONING, List.of(image(8, 8))))
        .endsWith("and nothing else.");
  }

  @Test
  void hallusionAndMmmuAppendTheirOptions() throws IOException {
    assertThat(
            PromptComposer.compose(
                BenchmarkRegistry.get("hallusionbench"),
                item("Is the left line longer?", Choices.YES_NO),
                PromptTemplate.NO_REASONING,
                List.of(image(8, 8))))
        .isEqualTo("Question: Is the left line longer?\nOptions:\n(A) Yes\n(B) No");
    assertThat(
            PromptComposer.compose(
                BenchmarkRegistry.get("mmmu-pro"),
                item("What is shown?", Choices.of("a cell", "a leaf", "a cat", "a car")),
                PromptTemplate.NO_REASONING,
                List.of(image(8, 8))))
        .endsWith("What is shown?\nOptions:\n(A) a cell\n(B) a leaf\n(C) a cat\n(D) a car");
    assertThat(
            PromptComposer.compose(
                BenchmarkRegistry.get("mmmu-pro-vision-only"),
                item("", Choices.of("1", "2")),
                PromptTemplate.NO_REASONING,
                List.of(image(8, 8))))
        .isEqualTo(
            "Question: \nPlease answer the question shown in the image. Please give the final"
                + " answer within answer tags, e.g., <answer> (A) cat </answer>.\nOptions:\n(A) 1\n(B) 2");
  }

  @Test
  void reasoningEndPutsTheInstructionAfterTheQuestion() throws IOException {
    ItemMeta it = item("Which way?\nA. Left\nB. Right", Choices.of("Left", "Right"));
    assertThat(
            PromptComposer.compose(
                BenchmarkRegistry.get("realworld_qa"),
                it,
                PromptTemplate.REASONING_END,
                List.of(image(8, 8))))
        .isEqualTo(
            "Question: Which way?\nA. Left\nB. Right\nFirst output the thinking process in <think>"
                + " </think> tags, followed by the final answer within <answer> </answer> tags.");
  }

  @Test
  void visionAndYesNoAreTheScriptsWholePrompts() throws IOException {
    assertThat(
            PromptComposer.compose(
                BenchmarkRegistry.get("mmmu-pro-vision"),
                item("", Choices.of("1", "2", "3")),
                PromptTemplate.VISION,
                List.of(image(8, 8))))
        .isEqualTo(
            "Hint: Please answer the question shown in the image. Provide the correct option"
                + " letter, e.g., A, B, C, D, E, at the end.\nChoices:\n(A) 1\n(B) 2\n(C) 3");
    assertThat(
            PromptComposer.compose(
                BenchmarkRegistry.get("hallusionbench"),
                item("Is the left line longer?", Choices.YES_NO),
                PromptTemplate.YES_NO,
                List.of(image(8, 8))))
        .isEqualTo(
            "Hint: Please answer the question requiring an answer of yes or no.\nQuestion: Is the"
                + " left line longer?");
  }

  @Test
  void aBenchmarkTakesOnlyItsTemplates() {
    assertThatThrownBy(
            () -> BenchmarkRegistry.get("mmmu-pro-vision").checkTemplate(PromptTemplate.REASONING))
        .hasMessage(
            "benchmark mmmu-pro-vision does not take the reasoning template; it takes vision");
    assertThatThrownBy(() -> BenchmarkRegistry.get("cv-bench").checkTemplate(PromptTemplate.YES_NO))
        .hasMessageStartingWith(
            "benchmark cv-bench does not take the yes_no template; it takes"
                + " spatial_thinker, spatial_thinker_train, reasoning, no_reasoning, reasoning_end");
    assertThat(BenchmarkRegistry.get("mmmu-pro-vision").defaultTemplate())
        .isEqualTo(PromptTemplate.VISION);
    assertThat(BenchmarkRegistry.get("hallusionbench").allowedTemplates())
        .contains(PromptTemplate.YES_NO, PromptTemplate.SPATIAL_THINKER);
  }

  @Test
  void templatesParseFromTheirCommandLineNames() {
    assertThat(PromptTemplate.parse("spatial_thinker")).isEqualTo(PromptTemplate.SPATIAL_THINKER);
    assertThat(PromptTemplate.parse("no-reasoning")).isEqualTo(PromptTemplate.NO_REASONING);
    assertThatThrownBy(() -> PromptTemplate.parse("cot"))
        .hasMessageContaining("unknown template 'cot'");
  }

  @Test
  void trainTemplateIsTheTrainingRowsPromptWithoutTheScriptsLeadIn() throws IOException {
    String q = "Where is the cube?\nOptions:\n(A) left of\n(B) right of";
    String p =
        PromptComposer.compose(
            BenchmarkRegistry.get("stvqa-ours"),
            item(q, Choices.of("left of", "right of")),
            PromptTemplate.SPATIAL_THINKER_TRAIN,
            List.of(image(256, 192)));
    assertThat(p)
        .isEqualTo(PromptComposer.SPATIAL_THINKER_PREFIX + "\n\nImage size: (256 x 192)\n\n" + q);
    assertThat(PromptTemplate.parse("spatial-thinker-train"))
        .isEqualTo(PromptTemplate.SPATIAL_THINKER_TRAIN);
  }
}
