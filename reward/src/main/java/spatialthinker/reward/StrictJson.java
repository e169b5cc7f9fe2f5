package spatialthinker.reward;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads exactly one JSON value from a request body or a JSONL line: text after the value is an
 * error, NaN and other non-standard tokens are errors, nesting and string length are capped, and
 * every error is one line in plain words with the line and column (no parser internals).
 */
public final class StrictJson {

  /** The deepest nesting accepted. */
  public static final int MAX_DEPTH = 64;

  /** JSON that cannot be read; the message is fit to show to the client. */
  public static final class InvalidJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidJsonException(String message) {
      super(message);
    }
  }

  private final ObjectMapper mapper;
  private final long maxStringChars;

  /** A reader whose strings may be up to {@code maxStringChars} long. */
  public StrictJson(long maxStringChars) {
    this.maxStringChars = Math.max(1, Math.min(Integer.MAX_VALUE, maxStringChars));
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength((int) this.maxStringChars)
                    .maxNestingDepth(MAX_DEPTH)
                    .build())
            .build();
    this.mapper = new ObjectMapper(factory);
  }

  /** The mapper behind this reader (for writing, and for building nodes). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Reads one value from UTF-8 bytes. */
  public JsonNode read(byte[] utf8) {
    try (JsonParser p = mapper.getFactory().createParser(utf8)) {
      return read(p);
    } catch (IOException e) {
      throw new InvalidJsonException(describe(e));
    }
  }

  /** Reads one value from text. */
  public JsonNode read(String text) {
    try (JsonParser p = mapper.getFactory().createParser(text)) {
      return read(p);
    } catch (IOException e) {
      throw new InvalidJsonException(describe(e));
    }
  }

  private JsonNode read(JsonParser p) throws IOException {
    if (p.nextToken() == null) {
      throw new InvalidJsonException("empty, expected JSON");
    }
    JsonNode node = mapper.readTree(p);
    JsonLocation end = p.currentLocation();
    if (p.nextToken() != null) {
      throw new InvalidJsonException(
          "text after the JSON value at line " + end.getLineNr() + ", column " + end.getColumnNr());
    }
    return node;
  }

  private String describe(IOException e) {
    if (e instanceof StreamConstraintsException c) {
      String m = String.valueOf(c.getMessage());
      if (m.contains("nesting depth")) {
        return "nested deeper than " + MAX_DEPTH + " levels";
      }
      if (m.contains("String value length") || m.contains("string")) {
        return "a string longer than the limit of " + maxStringChars + " characters";
      }
      return "a value over the reader's size limits";
    }
    String at = "";
    String msg;
    if (e instanceof JsonProcessingException j) {
      JsonLocation loc = j.getLocation();
      if (loc != null && loc.getLineNr() > 0) {
        at = " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      }
      msg = j.getOriginalMessage();
    } else {
      msg = e.getMessage();
    }
    return "not valid JSON" + at + ": " + plain(msg);
  }

  /** The parser's message without its configuration hints and source excerpts. */
  static String plain(String message) {
    if (message == null) {
      return "unreadable";
    }
    String m = message;
    for (String cut : new String[] {"`", "[Source", " (start marker", "\n"}) {
      int at = m.indexOf(cut);
      if (at >= 0) {
        m = m.substring(0, at);
      }
    }
    m = m.replaceAll("\\s+", " ").strip();
    while (!m.isEmpty() && ":;,( ".indexOf(m.charAt(m.length() - 1)) >= 0) {
      m = m.substring(0, m.length() - 1);
    }
    if (m.startsWith("Non-standard token")) {
      m = m + " (not a JSON value)";
    }
    if (m.length() > 160) {
      m = m.substring(0, 160) + "…";
    }
    return m.isEmpty() ? "unreadable" : m;
  }
}
