package spatialthinker.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spatialthinker.data.io.QaJsonl;
import spatialthinker.data.io.QaParquet;
import spatialthinker.data.synth.TemplateQuestions;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardPresets;
import spatialthinker.scenes.Vg150Scenes;

/** VG150-style parquet in, QA parquet out: only the categories a 2D graph supports. */
class Vg150IT {

  @TempDir Path dir;

  @Test
  void writesOnlyTwoDimensionalCategoriesFromAVg150File() throws Exception {
    Path scenes = TestScenes.render(dir.resolve("s"), 1, 1, 200);
    byte[] png = Files.readAllBytes(scenes.resolve("images/000000.png"));
    Path vg = dir.resolve("vg150.parquet");
    String objects =
        "[{\"id\": \"man.1\", \"bbox\": [10, 20, 60, 180]},"
            + " {\"id\": \"horse.1\", \"bbox\": [120, 60, 195, 190]},"
            + " {\"id\": \"hat.1\", \"bbox\": [20, 5, 50, 25]},"
            + " {\"id\": \"tree.1\", \"bbox\": [150, 0, 240, 40]},"
            + " {\"id\": \"tree.2\", \"bbox\": [60, 0, 90, 30]}]";
    String relations =
        "[{\"subject\": \"hat.1\", \"predicate\": \"on\", \"object\": \"man.1\"},"
            + " {\"subject\": \"man.1\", \"predicate\": \"holding\", \"object\": \"horse.1\"}]";
    try (Connection c = QaParquet.open()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE vg(image_id VARCHAR, image STRUCT(bytes BLOB, path VARCHAR),"
                + " objects VARCHAR, relationships VARCHAR)");
      }
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO vg VALUES (?, {'bytes': ?, 'path': ?}, ?, ?)")) {
        for (int i = 0; i < 3; i++) {
          p.setString(1, "vg" + i);
          p.setBytes(2, png);
          p.setString(3, "vg" + i + ".png");
          p.setString(4, objects);
          p.setString(5, relations);
          p.addBatch();
        }
        p.executeBatch();
      }
      try (Statement s = c.createStatement()) {
        s.execute("COPY vg TO '" + vg + "' (FORMAT parquet)");
      }
    }
    Path out = dir.resolve("out/qa.parquet");
    Files.createDirectories(out.getParent());
    SynthSummary summary =
        new SynthesisJob(
                Vg150Scenes.open(vg),
                new TemplateQuestions(1, 3),
                new SynthOptions(20, 50, 0.0, 1, 1),
                out)
            .run(new SynthesisJob.Listener() {});
    List<QaRow> rows = QaParquet.read(out);
    assertThat(rows).isNotEmpty();
    Set<String> categories = rows.stream().map(QaRow::category).collect(Collectors.toSet());
    assertThat(Set.of("relation", "reach", "instance_location", "count")).containsAll(categories);
    assertThat(categories).contains("relation", "count");
    assertThat(summary.plan().shortfalls()).anyMatch(s -> s.startsWith("depth: 0"));
    assertThat(rows).allSatisfy(r -> assertThat(r.source()).isEqualTo("vg150"));
    assertThat(rows).allSatisfy(r -> assertThat(r.problem()).contains("Image size: (200 x 200)"));
    QaRow count = rows.stream().filter(r -> r.category().equals("count")).findFirst().orElseThrow();
    assertThat(count.questionOnly()).isEqualTo("How many trees are there in the image?");
    assertThat(count.answerTextOnly()).isEqualTo("2");
    QaRow mirror = QaJsonl.parse(Files.readAllLines(SynthesisJob.mirrorOf(out)).get(0), "line 1");
    assertThat(out.getParent().resolve(mirror.imageFile())).exists();
    Reward dense = RewardPresets.exactLabels().create("dense");
    for (QaRow r : rows) {
      assertThat(
              dense
                  .score(new RewardInput(r.teacherResponse(), r.answerOptionText(), r.problem()))
                  .overall())
          .isGreaterThan(0.9999);
    }
  }
}
