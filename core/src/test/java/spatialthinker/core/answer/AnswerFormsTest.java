package spatialthinker.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-written answer forms from {@code answer/forms.tsv}: options, response, expected letter. */
class AnswerFormsTest {

  private static final AnswerExtractor EXTRACTOR = new AnswerExtractor();

  static Stream<Arguments> forms() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                AnswerFormsTest.class.getResourceAsStream("/answer/forms.tsv"),
                StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 3) {
          throw new IllegalStateException("forms.tsv:" + n + " needs 3 tab-separated fields");
        }
        List<String> options = Arrays.asList(f[0].split("\\|"));
        String response = f[1].replace("\\n", "\n").replace("\\t", "\t");
        Optional<String> expected = f[2].equals("-") ? Optional.empty() : Optional.of(f[2]);
        out.add(Arguments.of(n, options, response, expected));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "forms.tsv:{0} {2}")
  @MethodSource("forms")
  void readsTheChoiceOrNoAnswer(
      int line, List<String> options, String response, Optional<String> expected) {
    Extraction e = EXTRACTOR.extract(response, new Choices(options));
    assertThat(e.answer()).as("forms.tsv:%d rule %s", line, e.rule()).isEqualTo(expected);
  }
}
