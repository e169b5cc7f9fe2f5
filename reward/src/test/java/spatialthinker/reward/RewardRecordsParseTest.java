package spatialthinker.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RewardRecordsParseTest {

  private static final String RECORD =
      "{\"response\": \"r\", \"ground_truth\": \"g\", \"problem\": \"p\"}";

  @Test
  void readsOneRecord() {
    assertThat(RewardRecords.parse(RECORD, "in.jsonl:1")).isEqualTo(new RewardInput("r", "g", "p"));
  }

  @Test
  void refusesTextAfterTheObjectNamingTheLine() {
    assertThatThrownBy(() -> RewardRecords.parse(RECORD + " junk", "in.jsonl:3"))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageStartingWith("in.jsonl:3: ");
    assertThatThrownBy(() -> RewardRecords.parse(RECORD + RECORD, "in.jsonl:3"))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageStartingWith("in.jsonl:3: text after the JSON value at line 1, column");
  }

  @Test
  void aLongValidLineIsRead() {
    String big = "x".repeat(30_000_000);
    String line = "{\"response\": \"" + big + "\", \"ground_truth\": \"g\", \"problem\": \"p\"}";

    assertThat(RewardRecords.parse(line, "in.jsonl:1").response()).hasSize(30_000_000);
  }
}
