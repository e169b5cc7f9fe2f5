package spatialthinker.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import spatialthinker.train.text.Canonicalizer;
import spatialthinker.train.text.Tokenizer;

class AnswerChoicesTest {

  private static final ModelConfig CONFIG = new ModelConfig(32, 8, 32, 4, 1, 2, 2, 200, 50);

  @Test
  void choicesAreTheListedOptionsAsTheTeacherWritesThem() {
    Canonicalizer canon = new Canonicalizer();
    Tokenizer tok =
        Tokenizer.build(
            List.of(
                "Image size: (64 x 64)\nQ. Where is it?\nOptions:\n(A) in front of\n(B) behind",
                "<answer>(B) behind</answer> Options: (A) left of (B) right of (C) above"),
            64);
    AnswerChoices lines =
        AnswerChoices.of(
            "<bos>Image size: (64 x 64)\nQ. Where is it?\nOptions:\n(A) in front of\n(B) behind",
            tok,
            canon);
    assertThat(lines.sequences()).hasSize(2);
    assertThat(tok.decode(lines.sequences().get(0))).isEqualTo("(A) in front of</answer>");
    assertThat(tok.decode(lines.sequences().get(1))).isEqualTo("(B) behind</answer>");
    assertThat(lines.open()).isEqualTo(tok.encode("<answer>")[0]);
    AnswerChoices oneLine =
        AnswerChoices.of("Q. Where? Options: (A) left of (B) right of (C) above", tok, canon);
    assertThat(oneLine.sequences().stream().map(tok::decode))
        .containsExactly("(A) left of</answer>", "(B) right of</answer>", "(C) above</answer>");
    assertThat(AnswerChoices.of("Q. Where is each object?", tok, canon)).isNull();
  }

  @Test
  void stateAllowsOnlyPrefixesOfTheOptionsUntilTheAnswerCloses() {
    AnswerChoices c = new AnswerChoices(3, List.of(new int[] {5, 6, 9}, new int[] {5, 7, 9}));
    AnswerChoices.State s = new AnswerChoices.State(c);
    assertThat(s.allowed()).isNull();
    s.accept(8);
    assertThat(s.allowed()).isNull();
    s.accept(3);
    assertThat(s.allowed()).containsExactly(5);
    s.accept(5);
    assertThat(s.allowed()).containsExactlyInAnyOrder(6, 7);
    s.accept(7);
    assertThat(s.allowed()).containsExactly(9);
    s.accept(9);
    assertThat(s.allowed()).isNull();
  }

  @Test
  void decodersKeepTheAnswerToAnOptionAndAgreeTokenForToken() {
    try (NDManager root = NDManager.newBaseManager()) {
      Parameters p = VisionLanguageModel.initialise(CONFIG, 7, new Parameters(root));
      VisionLanguageModel model = new VisionLanguageModel(CONFIG, p);
      SplittableRandom rnd = new SplittableRandom(1);
      List<float[]> patches = new ArrayList<>();
      List<int[]> prompts = new ArrayList<>();
      for (int b = 0; b < 3; b++) {
        float[] v = new float[CONFIG.patches() * CONFIG.patchDim()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) rnd.nextDouble() - 0.5f;
        }
        patches.add(v);
        prompts.add(new int[] {4 + b, 10 + b, 20 + b});
      }
      Sampling sampled = new Sampling(1.0, 30);
      // The token a free decoder writes first in row 0 plays <answer>.
      int open =
          new Decoder(model, 2, 0)
              .generate(root, patches, prompts, Sampling.greedy(30), new SplittableRandom(3))
              .get(0)[0];
      AnswerChoices c =
          new AnswerChoices(open, List.of(new int[] {41, 42, 49}, new int[] {41, 43, 49}));
      Decoder closed = new Decoder(model, 2, 0, prompt -> c);
      for (Sampling s : List.of(Sampling.greedy(30), sampled)) {
        List<int[]> cached = closed.generate(root, patches, prompts, s, new SplittableRandom(5));
        List<int[]> plain =
            closed.generateUncached(root, patches, prompts, s, new SplittableRandom(5));
        for (int b = 0; b < 3; b++) {
          assertThat(cached.get(b)).as("row " + b).containsExactly(plain.get(b));
          int[] out = cached.get(b);
          for (int i = 0; i < out.length; i++) {
            if (out[i] == open && i + 3 < out.length) {
              int[] next = Arrays.copyOfRange(out, i + 1, i + 4);
              assertThat(next)
                  .as("row %d after the answer opens", b)
                  .satisfiesAnyOf(
                      n -> assertThat(n).containsExactly(41, 42, 49),
                      n -> assertThat(n).containsExactly(41, 43, 49));
            }
          }
        }
        if (s.isGreedy()) {
          assertThat(cached.get(0)[0]).isEqualTo(open);
          assertThat(Arrays.copyOfRange(cached.get(0), 1, 4)).containsAnyOf(42, 43);
        }
      }
    }
  }
}
