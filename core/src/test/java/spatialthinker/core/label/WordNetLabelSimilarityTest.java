package spatialthinker.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordNetLabelSimilarityTest {

  /** Labels from VG150, our synthetic shapes, and a few that WordNet does not know. */
  private static final List<String> LABELS =
      List.of(
          "man",
          "person",
          "woman",
          "people",
          "tree",
          "plant",
          "cup",
          "mug",
          "bottle",
          "dog",
          "cat",
          "car",
          "truck",
          "bus",
          "table",
          "desk",
          "banana",
          "apple",
          "chair",
          "sofa",
          "couch",
          "horse",
          "zebra",
          "window",
          "door",
          "cube",
          "sphere",
          "cylinder",
          "cone",
          "fire_hydrant",
          "coffee mug",
          "red cube",
          "cup.1",
          "mug.3",
          "xqzzv",
          "",
          "glasses");

  private static WordNetLabelSimilarity wordNet;

  @BeforeAll
  static void load() {
    wordNet = WordNetLabelSimilarity.shared();
  }

  @Test
  void scoresIdenticalLabelsAsOne() {
    assertThat(wordNet.similarity("cup", "cup")).isEqualTo(1.0);
    assertThat(wordNet.similarity("cup.1", "Cups.2")).isEqualTo(1.0);
    assertThat(wordNet.similarity("people", "person.4")).isEqualTo(1.0);
    assertThat(wordNet.similarity("fire_hydrant", "Fire-Hydrant")).isEqualTo(1.0);
  }

  @Test
  void scoresLabelsNamingTheSameSynsetAsOne() {
    // sofa and couch are lemmas of one WordNet synset, so their subsumer is the sense itself.
    assertThat(wordNet.similarity("sofa", "couch")).isEqualTo(1.0);
  }

  @Test
  void isSymmetric() {
    for (String a : LABELS) {
      for (String b : LABELS) {
        assertThat(wordNet.similarity(a, b)).as(a + " / " + b).isEqualTo(wordNet.similarity(b, a));
      }
    }
  }

  @Test
  void staysWithinZeroAndOne() {
    for (String a : LABELS) {
      for (String b : LABELS) {
        assertThat(wordNet.similarity(a, b)).as(a + " / " + b).isBetween(0.0, 1.0);
      }
    }
  }

  @ParameterizedTest(name = "{0}/{1} above {2}/{3}")
  @CsvSource({
    "man, person, man, tree",
    "cup, mug, cup, dog",
    "dog, cat, car, dog",
    "table, desk, table, banana",
    "car, truck, car, banana",
    "horse, zebra, horse, cup",
    "banana, apple, banana, car",
    "woman, person, woman, bottle"
  })
  void scoresRelatedPairsAboveUnrelatedOnes(String a, String b, String c, String d) {
    assertThat(wordNet.similarity(a, b)).isGreaterThan(wordNet.similarity(c, d));
  }

  @Test
  void scoresSynonymsAboveUnrelatedPairs() {
    double nearSynonyms = wordNet.similarity("cup", "mug");
    assertThat(nearSynonyms).isGreaterThan(0.75).isLessThan(1.0);
    assertThat(wordNet.similarity("cup", "zebra")).isLessThan(0.5);
    assertThat(wordNet.similarity("banana", "car")).isLessThan(0.5);
  }

  @Test
  void scoresAHyponymHighAgainstItsHypernym() {
    // bus sits directly under car's sense "car, railcar"; laptop directly under computer.
    assertThat(wordNet.similarity("bus", "car")).isGreaterThan(0.9);
    assertThat(wordNet.similarity("laptop", "computer")).isGreaterThan(0.8);
  }

  @Test
  void comparesIdsByTheirLabels() {
    assertThat(wordNet.similarity("cup.1", "mug.3")).isEqualTo(wordNet.similarity("cup", "mug"));
    assertThat(wordNet.similarity("Dogs.2", "cat.7")).isEqualTo(wordNet.similarity("dog", "cat"));
  }

  @Test
  void readsAnUnknownModifierThroughTheHeadNoun() {
    assertThat(wordNet.similarity("red cube", "sphere"))
        .isEqualTo(wordNet.similarity("cube", "sphere"));
    assertThat(wordNet.lemma("shiny red cube.2")).isEqualTo("cube");
  }

  @Test
  void findsCollocationsBeforeTheHeadNoun() {
    assertThat(wordNet.lemma("fire_hydrant")).isEqualTo("fire hydrant");
    assertThat(wordNet.lemma("Coffee_Mugs.3")).isEqualTo("coffee mug");
    assertThat(wordNet.similarity("coffee mug", "mug"))
        .isNotEqualTo(1.0)
        .isGreaterThan(wordNet.similarity("coffee mug", "dog"));
  }

  @Test
  void scoresUnknownWordsZeroAgainstOthers() {
    assertThat(wordNet.similarity("xqzzv", "cup")).isZero();
    assertThat(wordNet.similarity("cup", "xqzzv")).isZero();
    assertThat(wordNet.similarity("xqzzv", "blorfle")).isZero();
  }

  @Test
  void scoresIdenticalUnknownWordsAsOne() {
    assertThat(wordNet.similarity("xqzzv", "xqzzv")).isEqualTo(1.0);
    assertThat(wordNet.similarity("xqzzv.1", "XQZZV.2")).isEqualTo(1.0);
  }

  @Test
  void acceptsEmptyAndBlankLabels() {
    assertThatCode(
            () -> {
              wordNet.similarity("", "");
              wordNet.similarity("", "cup");
              wordNet.similarity("   ", ".");
            })
        .doesNotThrowAnyException();
    assertThat(wordNet.similarity("", "cup")).isZero();
    assertThat(wordNet.similarity("", "")).isEqualTo(1.0);
  }

  @Test
  void givesTheSameScoresAfterItsCachesAreCleared() {
    // Limits of a few entries force the caches to start over many times during the loop.
    WordNetLabelSimilarity tiny = new WordNetLabelSimilarity(wordNet.taxonomy(), 3, 2);
    for (String a : LABELS) {
      for (String b : LABELS) {
        assertThat(tiny.similarity(a, b)).as(a + " / " + b).isEqualTo(wordNet.similarity(a, b));
      }
    }
  }

  @Test
  void givesEveryThreadTheSameScores() throws Exception {
    List<String[]> pairs = new ArrayList<>();
    for (String a : LABELS) {
      for (String b : LABELS) {
        pairs.add(new String[] {a, b});
      }
    }
    double[] expected = new double[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      expected[i] = wordNet.similarity(pairs.get(i)[0], pairs.get(i)[1]);
    }
    // A fresh instance with cold caches (sharing the loaded taxonomy) makes threads race to fill
    // them; small limits make them race through cache clearing too.
    WordNetLabelSimilarity cold = new WordNetLabelSimilarity(wordNet.taxonomy(), 200, 500);
    int threads = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        results.add(
            pool.submit(
                () -> {
                  SplittableRandom random = new SplittableRandom(seed);
                  List<String> mismatches = new ArrayList<>();
                  start.await();
                  for (int round = 0; round < 20; round++) {
                    for (int i : shuffled(pairs.size(), random)) {
                      String[] pair = pairs.get(i);
                      double score =
                          random.nextBoolean()
                              ? cold.similarity(pair[1], pair[0])
                              : cold.similarity(pair[0], pair[1]);
                      if (score != expected[i]) {
                        mismatches.add(pair[0] + " / " + pair[1] + ": " + score);
                      }
                    }
                  }
                  return mismatches;
                }));
      }
      start.countDown();
      for (Future<List<String>> result : results) {
        assertThat(result.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  @Test
  void allocatesNothingForAPairItHasSeen() {
    assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
            && bean.isThreadAllocatedMemorySupported());
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    String[] labels = {"cup.1", "mug.2", "dog.3", "cat.4", "table.5", "desk.6"};
    double sum = 0;
    for (String a : labels) {
      for (String b : labels) {
        sum += wordNet.similarity(a, b);
      }
    }
    long thread = Thread.currentThread().threadId();
    long before = bean.getThreadAllocatedBytes(thread);
    for (int round = 0; round < 10_000; round++) {
      for (String a : labels) {
        for (String b : labels) {
          sum += wordNet.similarity(a, b);
        }
      }
    }
    long allocated = bean.getThreadAllocatedBytes(thread) - before;
    assertThat(sum).isPositive();
    // 360,000 lookups: even 8 bytes each would be 2.8 MB; allow a little for the JIT's own work.
    assertThat(allocated).isLessThan(64 * 1024);
  }

  @Test
  void sharesOneInstance() {
    assertThat(WordNetLabelSimilarity.shared()).isSameAs(wordNet);
  }

  @Test
  void isNamedWordNetWuPalmer() {
    assertThat(wordNet.name()).isEqualTo("wordnet-wup");
  }
}
