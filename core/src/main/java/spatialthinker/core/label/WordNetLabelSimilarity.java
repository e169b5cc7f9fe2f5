package spatialthinker.core.label;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wu-Palmer similarity of two labels over WordNet 3.1 noun senses, the best over all pairs of
 * senses (see {@code docs/label-similarity.md} for the depth convention and example scores).
 *
 * <p>Labels are normalised with {@link LabelNormalizer}; equal normalised labels score 1, a label
 * WordNet does not know scores 0 against any other. A multi-word label is looked up as a WordNet
 * collocation first ({@code fire hydrant}), then by its head noun ({@code red cube} as {@code
 * cube}); base forms from WordNet's morphology catch plurals the normaliser misses.
 *
 * <p>Thread-safe. Scores are cached per label pair in bounded maps (cleared when full), so a
 * repeated pair costs three hash lookups and no allocation.
 */
public final class WordNetLabelSimilarity implements LabelSimilarity {

  /** Distinct labels kept before the caches are cleared; a vocabulary is far smaller. */
  static final int MAX_LABELS = 1 << 16;

  /** Cached label pairs kept before the caches are cleared. */
  static final int MAX_PAIRS = 1 << 18;

  private static final Object SHARED_LOCK = new Object();
  private static volatile WordNetLabelSimilarity shared;

  private final WordNetTaxonomy taxonomy;
  private final int maxLabels;
  private final int maxPairs;
  private final AtomicInteger nextId = new AtomicInteger();
  private volatile Caches caches = new Caches();

  /** An instance over a taxonomy with cache limits; small limits let tests exercise clearing. */
  WordNetLabelSimilarity(WordNetTaxonomy taxonomy, int maxLabels, int maxPairs) {
    if (maxLabels < 1 || maxPairs < 1) {
      throw new IllegalArgumentException(
          "cache limits must be positive: maxLabels=" + maxLabels + ", maxPairs=" + maxPairs);
    }
    this.taxonomy = taxonomy;
    this.maxLabels = maxLabels;
    this.maxPairs = maxPairs;
  }

  /**
   * The process-wide instance, loading WordNet on first use (under a second, about 48 MB).
   *
   * @throws WordNetDictionaryException when the dictionary cannot be loaded; a later call retries
   */
  public static WordNetLabelSimilarity shared() {
    WordNetLabelSimilarity instance = shared;
    if (instance == null) {
      synchronized (SHARED_LOCK) {
        instance = shared;
        if (instance == null) {
          instance = create();
          shared = instance;
        }
      }
    }
    return instance;
  }

  /**
   * A new instance with its own dictionary and caches; prefer {@link #shared()}.
   *
   * @throws WordNetDictionaryException when the dictionary cannot be loaded
   */
  public static WordNetLabelSimilarity create() {
    return new WordNetLabelSimilarity(
        WordNetTaxonomy.load(WordNetTaxonomy.WN31_PROPERTIES), MAX_LABELS, MAX_PAIRS);
  }

  @Override
  public double similarity(String a, String b) {
    Caches current = caches;
    Label x = label(current, a);
    Label y = label(current, b);
    if (x == y || x.normalized.equals(y.normalized)) {
      return 1.0;
    }
    if (!x.senses.known() || !y.senses.known()) {
      return 0.0;
    }
    // The pair lives on the label with the smaller id, so (a, b) and (b, a) share one entry.
    Label owner = x.id < y.id ? x : y;
    Label other = owner == x ? y : x;
    Double cached = owner.scores.get(other);
    if (cached != null) {
      return cached;
    }
    double score = clamp(WordNetTaxonomy.bestMatch(owner.senses, other.senses).score());
    if (owner.scores.putIfAbsent(other, score) == null
        && current.pairs.incrementAndGet() > maxPairs) {
      caches = new Caches();
    }
    return score;
  }

  @Override
  public String name() {
    return "wordnet-wup";
  }

  /** The WordNet lemma a label resolves to, empty when WordNet does not know it. */
  String lemma(String label) {
    return label(caches, label).senses.lemma();
  }

  /** The taxonomy behind this instance, for diagnostics in this package. */
  WordNetTaxonomy taxonomy() {
    return taxonomy;
  }

  private Label label(Caches current, String raw) {
    Label label = current.byRaw.get(raw);
    if (label != null) {
      return label;
    }
    String normalized = LabelNormalizer.normalize(raw);
    label = current.byNormalized.get(normalized);
    if (label == null) {
      // Computed outside any map lock: a racing thread may compute the same senses, and the
      // first one stored wins, which is harmless because the result is the same.
      Label fresh = new Label(normalized, nextId.getAndIncrement(), taxonomy.senses(normalized));
      label = current.byNormalized.putIfAbsent(normalized, fresh);
      if (label == null) {
        label = fresh;
      }
    }
    current.byRaw.putIfAbsent(raw, label);
    if (current.byRaw.size() > maxLabels) {
      // Policy outputs can invent labels without end; start over rather than grow.
      caches = new Caches();
    }
    return label;
  }

  private static double clamp(double score) {
    return score > 1.0 ? 1.0 : score > 0.0 ? score : 0.0;
  }

  /** One generation of caches; replaced whole when full, never cleared in place. */
  private static final class Caches {
    final ConcurrentHashMap<String, Label> byRaw = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Label> byNormalized = new ConcurrentHashMap<>();
    final AtomicInteger pairs = new AtomicInteger();
  }

  /**
   * A normalised label with its WordNet senses and the scores against labels of larger id. Identity
   * equality on purpose: it is the key of {@link #scores}, found without allocating.
   */
  private static final class Label {
    final String normalized;
    final int id;
    final WordNetTaxonomy.WordSenses senses;
    final ConcurrentHashMap<Label, Double> scores = new ConcurrentHashMap<>();

    Label(String normalized, int id, WordNetTaxonomy.WordSenses senses) {
      this.normalized = normalized;
      this.id = id;
      this.senses = senses;
    }
  }
}
