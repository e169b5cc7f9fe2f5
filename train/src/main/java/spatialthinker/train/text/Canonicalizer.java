package spatialthinker.train.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical form every training text passes through before tokenisation, so that {@code
 * decode(encode(s)) == s} holds exactly: scene JSON written compactly, no whitespace just inside
 * tags, whitespace runs collapsed to one space (or one newline when the run holds a newline), no
 * leading or trailing whitespace. Canonicalising is idempotent.
 */
public final class Canonicalizer {

  private static final Pattern SCENE = Pattern.compile("(?s)<scene>(.*?)</scene>");
  private static final Pattern AFTER_OPEN =
      Pattern.compile("(<(?:observe|scene|think|answer)>)\\s+");
  private static final Pattern BEFORE_CLOSE =
      Pattern.compile("\\s+(</(?:observe|scene|think|answer)>)");
  private static final Pattern WS = Pattern.compile("\\s+");

  private final ObjectMapper mapper = new ObjectMapper();

  /** The canonical form of {@code text}. */
  public String canonical(String text) {
    String s = text.replace("\r\n", "\n").replace('\r', '\n');
    s = compactScenes(s);
    s = AFTER_OPEN.matcher(s).replaceAll("$1");
    s = BEFORE_CLOSE.matcher(s).replaceAll("$1");
    Matcher m = WS.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(out, m.group().indexOf('\n') >= 0 ? "\n" : " ");
    }
    m.appendTail(out);
    return out.toString().strip();
  }

  private String compactScenes(String s) {
    Matcher m = SCENE.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      String inner = m.group(1).strip();
      String compact = inner;
      try {
        JsonNode node = mapper.readTree(inner);
        if (node != null && node.isContainerNode()) {
          compact = mapper.writeValueAsString(node);
        }
      } catch (JsonProcessingException | RuntimeException e) {
        // Not JSON: the text stays as written (model output may be anything).
      }
      m.appendReplacement(out, Matcher.quoteReplacement("<scene>" + compact + "</scene>"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
