package spatialthinker.train.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A closed-vocabulary tokenizer for SpatialThinker text: special tokens, the tags, the fixed pieces
 * of compact scene JSON, integers {@code 0..maxInteger} for pixel coordinates, printable ASCII
 * characters, and the words (with or without one leading space) seen in the data it was built from.
 * A word outside the vocabulary becomes {@code <unk>}; a number outside it is spelled digit by
 * digit. For canonical text ({@link Canonicalizer}) made of known words, {@code decode(encode(s))
 * == s}.
 */
public final class Tokenizer {

  public static final String PAD = "<pad>";
  public static final String BOS = "<bos>";
  public static final String EOS = "<eos>";
  public static final String UNK = "<unk>";

  /** The response tags, each one token. */
  public static final List<String> TAGS =
      List.of(
          "<observe>",
          "</observe>",
          "<scene>",
          "</scene>",
          "<think>",
          "</think>",
          "<answer>",
          "</answer>");

  /** Pieces of compact scene JSON, each one token (matched longest first). */
  public static final List<String> JSON_PIECES =
      List.of(
          "],\"relationships\":[",
          "{\"objects\":[",
          "\",\"predicate\":\"",
          "{\"subject\":\"",
          "\",\"object\":\"",
          "\",\"bbox\":[",
          "{\"id\":\"",
          "\"}",
          "]}");

  private final List<String> tokens;
  private final Map<String, Integer> ids;
  private final int maxInteger;

  private Tokenizer(List<String> tokens, int maxInteger) {
    this.tokens = List.copyOf(tokens);
    this.maxInteger = maxInteger;
    this.ids = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (ids.put(tokens.get(i), i) != null) {
        throw new IllegalArgumentException("tokenizer vocabulary repeats '" + tokens.get(i) + "'");
      }
    }
    for (String s : List.of(PAD, BOS, EOS, UNK)) {
      if (!ids.containsKey(s)) {
        throw new IllegalArgumentException("tokenizer vocabulary lacks " + s);
      }
    }
  }

  /**
   * Builds the vocabulary from canonical texts: every word piece seen, plus the fixed tokens.
   *
   * @param texts canonical texts (prompts and targets)
   * @param maxInteger the largest integer that is one token (at least the largest image side)
   */
  public static Tokenizer build(Iterable<String> texts, int maxInteger) {
    if (maxInteger < 9) {
      throw new IllegalArgumentException("maxInteger must be >= 9, got " + maxInteger);
    }
    Set<String> vocab = new LinkedHashSet<>(List.of(PAD, BOS, EOS, UNK));
    vocab.addAll(TAGS);
    vocab.addAll(JSON_PIECES);
    for (int i = 0; i <= maxInteger; i++) {
      vocab.add(Integer.toString(i));
    }
    vocab.add("\n");
    for (char c = 32; c < 127; c++) {
      if (!Character.isLetterOrDigit(c)) {
        vocab.add(String.valueOf(c));
      }
    }
    TreeMap<String, Integer> words = new TreeMap<>();
    for (String t : texts) {
      for (String piece : Pieces.split(t)) {
        if (Pieces.isWord(piece)) {
          words.merge(piece, 1, Integer::sum);
        }
      }
    }
    vocab.addAll(words.keySet());
    return new Tokenizer(new ArrayList<>(vocab), maxInteger);
  }

  /** Vocabulary size. */
  public int size() {
    return tokens.size();
  }

  public int padId() {
    return ids.get(PAD);
  }

  public int bosId() {
    return ids.get(BOS);
  }

  public int eosId() {
    return ids.get(EOS);
  }

  public int unkId() {
    return ids.get(UNK);
  }

  /** The largest integer that is a single token. */
  public int maxInteger() {
    return maxInteger;
  }

  /** The token string of an id. */
  public String token(int id) {
    return tokens.get(id);
  }

  /** Token ids of a text (no BOS/EOS added). */
  public int[] encode(String text) {
    List<Integer> out = new ArrayList<>();
    for (String piece : Pieces.split(text)) {
      Integer id = ids.get(piece);
      if (id != null) {
        out.add(id);
      } else if (Pieces.isNumber(piece)) {
        for (int i = 0; i < piece.length(); i++) {
          out.add(ids.get(String.valueOf(piece.charAt(i))));
        }
      } else if (piece.startsWith(" ") && Pieces.isWord(piece)) {
        out.add(ids.get(" "));
        out.add(ids.getOrDefault(piece.substring(1), unkId()));
      } else {
        out.add(unkId());
      }
    }
    int[] a = new int[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = out.get(i);
    }
    return a;
  }

  /** The text of token ids; special tokens other than {@code <unk>} are dropped. */
  public String decode(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (id < 0 || id >= tokens.size()) {
        throw new IllegalArgumentException("token id " + id + " outside vocabulary " + size());
      }
      if (id == padId() || id == bosId() || id == eosId()) {
        continue;
      }
      sb.append(tokens.get(id));
    }
    return sb.toString();
  }

  /** How many of the ids are {@code <unk>}. */
  public int unknownCount(int[] encoded) {
    int unk = unkId();
    int n = 0;
    for (int id : encoded) {
      if (id == unk) {
        n++;
      }
    }
    return n;
  }

  /** Writes the vocabulary as JSON. */
  public void save(Path file) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("format", "spatialthinker-tokenizer-1");
    root.put("max_integer", maxInteger);
    ArrayNode arr = root.putArray("tokens");
    tokens.forEach(arr::add);
    try {
      mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write tokenizer " + file, e);
    }
  }

  /** Reads a vocabulary written by {@link #save}. */
  public static Tokenizer load(Path file) {
    try {
      JsonNode root = new ObjectMapper().readTree(Files.readString(file));
      if (!"spatialthinker-tokenizer-1".equals(root.path("format").asText())) {
        throw new IllegalArgumentException(file + ": not a spatialthinker tokenizer (format)");
      }
      List<String> toks = new ArrayList<>();
      root.path("tokens").forEach(n -> toks.add(n.asText()));
      return new Tokenizer(toks, root.path("max_integer").asInt());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer " + file, e);
    }
  }
}
