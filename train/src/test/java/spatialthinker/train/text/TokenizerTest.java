package spatialthinker.train.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.train.data.QaExample;
import spatialthinker.train.data.QaParquet;
import spatialthinker.train.data.TrainingData;
import spatialthinker.train.toy.ToySpatialData;

class TokenizerTest {

  @TempDir static Path dir;

  static List<QaExample> rows;
  static Tokenizer tokenizer;
  static final Canonicalizer CANON = new Canonicalizer();

  @BeforeAll
  static void data() {
    Path file = dir.resolve("toy.parquet");
    new ToySpatialData(96).write(file, 300, 0.2, 5);
    rows = QaParquet.read(file);
    tokenizer = new TrainingData(rows, "toy").buildTokenizer();
  }

  @Test
  void everyTrainingTargetRoundTripsExactly() {
    PromptText prompt = new PromptText(CANON);
    int checked = 0;
    for (QaExample e : rows) {
      if (!e.isTrain()) {
        continue;
      }
      for (String s :
          List.of(
              CANON.canonical(e.teacherResponse().orElseThrow()),
              CANON.canonical(e.groundTruth()),
              prompt.of(e.problem()))) {
        int[] ids = tokenizer.encode(s);
        assertThat(tokenizer.unknownCount(ids)).as(s).isZero();
        assertThat(tokenizer.decode(ids)).isEqualTo(s);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(600);
  }

  @Test
  void sceneJsonIsOneTokenPerStructuralPieceAndCoordinate() {
    String s =
        "<scene>{\"objects\":[{\"id\":\"cube.1\",\"bbox\":[12,30,40,58]}],\"relationships\":[]}</scene>";
    int[] ids = tokenizer.encode(s);
    // <scene> {"objects":[ {"id":" cube . 1 ","bbox":[ 12 , 30 , 40 , 58 ]} ],"relationships":[ ]}
    // </scene>
    assertThat(ids).hasSize(18);
    assertThat(tokenizer.decode(ids)).isEqualTo(s);
  }

  @Test
  void canonicalFormCompactsSceneJsonAndTrimsTagSpaceIdempotently() {
    String raw =
        "<observe> a  cube </observe>\n<scene>{ \"objects\": [ {\"id\": \"cube.1\", \"bbox\": [1, 2,"
            + " 3, 4]} ] }</scene> <think>x</think><answer> (A) left of </answer>";
    String c = CANON.canonical(raw);
    assertThat(c)
        .isEqualTo(
            "<observe>a cube</observe>\n<scene>{\"objects\":[{\"id\":\"cube.1\",\"bbox\":[1,2,3,4]}]}"
                + "</scene> <think>x</think><answer>(A) left of</answer>");
    assertThat(CANON.canonical(c)).isEqualTo(c);
  }

  @Test
  void unknownWordsBecomeUnkAndAreCounted() {
    int[] ids = tokenizer.encode("The zebra is left of the quokka");
    assertThat(tokenizer.unknownCount(ids)).isEqualTo(2);
  }

  @Test
  void numbersBeyondTheIntegerTokensAreSpelledByDigits() {
    String s = "cube 12345 and 007";
    assertThat(tokenizer.decode(tokenizer.encode(s))).isEqualTo(s);
  }

  @Test
  void savedVocabularyLoadsIdentically() {
    Path f = dir.resolve("tok.json");
    tokenizer.save(f);
    Tokenizer back = Tokenizer.load(f);
    assertThat(back.size()).isEqualTo(tokenizer.size());
    String s = CANON.canonical(rows.get(0).teacherResponse().orElseThrow());
    assertThat(back.encode(s)).containsExactly(tokenizer.encode(s));
  }
}
