package spatialthinker.core.label;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Prints the example table of {@code docs/label-similarity.md}: Wu-Palmer as implemented, the
 * subsumer behind it, and for comparison Lin similarity with intrinsic information content (Seco,
 * Veale and Hayes 2004: {@code IC(c) = 1 - ln(hyponyms(c) + 1) / ln(nounSynsets)}), which needs no
 * corpus counts. Not a test; run it with the test classpath (the command is in the document).
 */
public final class WordNetSimilarityTable {

  static final List<String[]> PAIRS =
      List.of(
          new String[] {"man", "person"},
          new String[] {"woman", "person"},
          new String[] {"cup", "mug"},
          new String[] {"dog", "cat"},
          new String[] {"car", "dog"},
          new String[] {"table", "desk"},
          new String[] {"chair", "sofa"},
          new String[] {"car", "truck"},
          new String[] {"bus", "car"},
          new String[] {"laptop", "computer"},
          new String[] {"bottle", "cup"},
          new String[] {"shirt", "jacket"},
          new String[] {"tree", "plant"},
          new String[] {"horse", "zebra"},
          new String[] {"man", "tree"},
          new String[] {"window", "door"},
          new String[] {"plate", "bowl"},
          new String[] {"sink", "toilet"},
          new String[] {"cube", "sphere"},
          new String[] {"cylinder", "cone"},
          new String[] {"cube", "cylinder"},
          new String[] {"sphere", "cone"},
          new String[] {"sphere", "ball"},
          new String[] {"banana", "apple"},
          new String[] {"banana", "car"},
          new String[] {"cup", "zebra"},
          new String[] {"window", "horse"},
          new String[] {"sofa", "couch"},
          new String[] {"cup.1", "mug.3"},
          new String[] {"Coffee_Mugs.2", "cup"},
          new String[] {"red cube", "sphere"},
          new String[] {"pant", "jeans"},
          new String[] {"xqzzv", "cup"});

  private WordNetSimilarityTable() {}

  /** Prints the markdown table to standard output. */
  public static void main(String[] args) throws JWNLException {
    long start = System.nanoTime();
    WordNetLabelSimilarity wup = WordNetLabelSimilarity.create();
    long loaded = System.nanoTime();
    System.err.printf("dictionary loaded in %.0f ms%n", (loaded - start) / 1e6);
    Dictionary dictionary = Dictionary.getResourceInstance(WordNetTaxonomy.WN31_PROPERTIES);
    IntrinsicIc ic = IntrinsicIc.count(dictionary);
    System.err.printf(
        "intrinsic IC over %d noun synsets in %.0f ms%n",
        ic.nounSynsets, (System.nanoTime() - loaded) / 1e6);

    WordNetTaxonomy taxonomy = wup.taxonomy();
    System.out.println("| a | b | WordNet lemmas | Wu-Palmer | subsumer | Lin (intrinsic IC) |");
    System.out.println("|---|---|---|---:|---|---:|");
    for (String[] pair : PAIRS) {
      String a = LabelNormalizer.normalize(pair[0]);
      String b = LabelNormalizer.normalize(pair[1]);
      WordNetTaxonomy.WordSenses sa = taxonomy.senses(a);
      WordNetTaxonomy.WordSenses sb = taxonomy.senses(b);
      WordNetTaxonomy.Match match = WordNetTaxonomy.bestMatch(sa, sb);
      String subsumer = match.subsumer() < 0 ? "–" : taxonomy.lemmaOf(match.subsumer());
      System.out.printf(
          "| %s | %s | %s / %s | %.3f | %s | %s |%n",
          pair[0],
          pair[1],
          sa.known() ? sa.lemma() : "–",
          sb.known() ? sb.lemma() : "–",
          wup.similarity(pair[0], pair[1]),
          a.equals(b) ? "(same label)" : subsumer,
          a.equals(b) ? "1.000" : String.format("%.3f", ic.lin(sa, sb)));
    }
  }

  /** Descendant counts of every noun synset, for intrinsic information content. */
  private static final class IntrinsicIc {
    final Map<Long, Integer> descendants = new HashMap<>();
    int nounSynsets;

    static IntrinsicIc count(Dictionary dictionary) throws JWNLException {
      IntrinsicIc ic = new IntrinsicIc();
      Iterator<Synset> synsets = dictionary.getSynsetIterator(POS.NOUN);
      while (synsets.hasNext()) {
        Synset synset = synsets.next();
        ic.nounSynsets++;
        // Every distinct ancestor of this synset gains one descendant.
        Set<Long> seen = new HashSet<>();
        ArrayDeque<Synset> queue = new ArrayDeque<>();
        queue.add(synset);
        while (!queue.isEmpty()) {
          for (Pointer pointer : queue.poll().getPointers()) {
            PointerType type = pointer.getType();
            if (type == PointerType.HYPERNYM || type == PointerType.INSTANCE_HYPERNYM) {
              Synset parent = pointer.getTargetSynset();
              if (seen.add(parent.getOffset())) {
                ic.descendants.merge(parent.getOffset(), 1, Integer::sum);
                queue.add(parent);
              }
            }
          }
        }
      }
      return ic;
    }

    double ic(long offset) {
      return 1.0 - Math.log(descendants.getOrDefault(offset, 0) + 1.0) / Math.log(nounSynsets);
    }

    /** Best over sense pairs of 2 IC(subsumer) / (IC(s1) + IC(s2)), subsumer of highest IC. */
    double lin(WordNetTaxonomy.WordSenses a, WordNetTaxonomy.WordSenses b) {
      double best = 0.0;
      for (WordNetTaxonomy.SenseAncestry x : a.senses()) {
        for (WordNetTaxonomy.SenseAncestry y : b.senses()) {
          double shared = -1;
          for (int i = 0; i < x.offsets().length; i++) {
            for (int j = 0; j < y.offsets().length; j++) {
              if (x.offsets()[i] == y.offsets()[j]) {
                shared = Math.max(shared, ic(x.offsets()[i]));
              }
            }
          }
          double own = ic(self(x)) + ic(self(y));
          if (shared >= 0 && own > 0) {
            best = Math.max(best, 2 * shared / own);
          }
        }
      }
      return Math.min(1.0, best);
    }

    private static long self(WordNetTaxonomy.SenseAncestry sense) {
      for (int i = 0; i < sense.distances().length; i++) {
        if (sense.distances()[i] == 0) {
          return sense.offsets()[i];
        }
      }
      throw new IllegalStateException("sense without itself among its ancestors");
    }
  }
}
