package spatialthinker.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchScorerTest {

  private final BatchScorer scorer = new BatchScorer(4);

  @AfterEach
  void close() {
    scorer.close();
  }

  private static List<RewardInput> echoInputs(int n) {
    List<RewardInput> inputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      inputs.add(new RewardInput(String.format(Locale.ROOT, "%.4f", i / 10_000.0), "g", "p"));
    }
    return inputs;
  }

  @Test
  void keepsInputOrderAcrossChunks() {
    List<RewardScore> scores = scorer.score(new TestRewards.Echo(), echoInputs(1001));

    assertThat(scores).hasSize(1001);
    for (int i = 0; i < scores.size(); i++) {
      assertThat(scores.get(i).overall()).isEqualTo(i / 10_000.0);
    }
  }

  @Test
  void spreadsALargeBatchOverWorkerThreads() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Reward recording =
        new Reward() {
          @Override
          public RewardScore score(RewardInput input) {
            threads.add(Thread.currentThread().getName());
            return RewardScore.ZERO;
          }

          @Override
          public String name() {
            return "recording";
          }
        };

    scorer.score(recording, echoInputs(400));

    assertThat(threads).contains(Thread.currentThread().getName());
    assertThat(threads).anyMatch(name -> name.startsWith("reward-scorer-"));
  }

  @Test
  void scoresASmallBatchOnTheCallingThread() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Reward recording =
        new Reward() {
          @Override
          public RewardScore score(RewardInput input) {
            threads.add(Thread.currentThread().getName());
            return RewardScore.ZERO;
          }

          @Override
          public String name() {
            return "recording";
          }
        };

    scorer.score(recording, echoInputs(BatchScorer.MIN_CHUNK));

    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void namesTheLowestRecordTheRewardRejects() {
    Reward picky =
        new Reward() {
          @Override
          public RewardScore score(RewardInput input) {
            if (input.response().equals("0.0700") || input.response().equals("0.0300")) {
              throw new MalformedRecordException("ground_truth: no <answer>");
            }
            return RewardScore.ZERO;
          }

          @Override
          public String name() {
            return "picky";
          }
        };

    assertThatThrownBy(() -> scorer.score(picky, echoInputs(1000)))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("ground_truth: no <answer>")
        .satisfies(e -> assertThat(((MalformedRecordException) e).index()).hasValue(300));
  }

  @Test
  void letsAnUnexpectedFailureThrough() {
    Reward broken =
        new Reward() {
          @Override
          public RewardScore score(RewardInput input) {
            throw new IllegalStateException("bug");
          }

          @Override
          public String name() {
            return "broken";
          }
        };

    assertThatThrownBy(() -> scorer.score(broken, echoInputs(100)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bug");
  }

  @Test
  void emptyBatchGivesNoScores() {
    assertThat(scorer.score(new TestRewards.Echo(), List.of())).isEmpty();
  }

  @Test
  void reportsProgressForEveryRecord() {
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    scorer.score(new TestRewards.Echo(), echoInputs(777), done::addAndGet);
    assertThat(done.get()).isEqualTo(777);
  }
}
