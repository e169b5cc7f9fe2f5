package spatialthinker.train.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenAI chat-completions request, checked field by field: what the server cannot honour is a
 * 400 naming the field, never silently ignored.
 *
 * <p>Answered from the last user message: its text parts (joined by newlines) and at most one
 * {@code image_url} part holding a base64 data URL. Honoured fields: {@code temperature} (0..2,
 * default 0: greedy), {@code max_tokens} / {@code max_completion_tokens} (an integer >= 1, capped
 * at the server's limit), {@code seed} (an integer), {@code stop} (up to 4 strings: the answer is
 * cut before the first), {@code stream} (server-sent events) with {@code stream_options.
 * include_usage}. Accepted only at their neutral value: {@code top_p} 1, {@code n} 1, {@code
 * presence_penalty}/{@code frequency_penalty} 0, {@code response_format} {@code text}, {@code
 * logprobs} false. Refused: tools and functions, {@code logit_bias}, {@code top_logprobs}. Other
 * fields (such as {@code user} or {@code metadata}) do not change the answer and are let through.
 *
 * @param turns every message in order, for models that read the whole conversation
 * @param text the last user message's text
 * @param image the last user message's image bytes, if it has one
 * @param temperature 0 for greedy
 * @param topP nucleus sampling mass in (0, 1]; 1 samples from the whole distribution
 * @param maxTokens requested new tokens, before the server's cap
 * @param seed the sampling seed (0 when absent)
 * @param model the requested model id, empty when absent
 * @param stop strings that end the answer
 * @param stream whether to answer as server-sent events
 * @param streamUsage whether a streamed answer ends with a usage chunk
 */
public record ChatRequest(
    List<Turn> turns,
    String text,
    Optional<byte[]> image,
    double temperature,
    double topP,
    int maxTokens,
    long seed,
    String model,
    List<String> stop,
    boolean stream,
    boolean streamUsage) {

  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");
  private static final Set<String> REFUSED =
      Set.of("tools", "tool_choice", "functions", "function_call", "logit_bias", "top_logprobs");

  public ChatRequest {
    turns = List.copyOf(turns);
    stop = List.copyOf(stop);
  }

  /** One message: its role and its parts in order. */
  public record Turn(String role, List<Part> parts) {
    public Turn {
      parts = List.copyOf(parts);
    }
  }

  /** A part of a message. */
  public sealed interface Part permits Text, Image {}

  /** Text. */
  public record Text(String text) implements Part {}

  /** An image's encoded bytes (PNG or JPEG, from a data URL). */
  public record Image(byte[] bytes) implements Part {}

  /** Reads and checks a request body; {@code defaultMaxTokens} applies when none is asked for. */
  public static ChatRequest read(JsonNode body, int defaultMaxTokens) {
    if (body == null || !body.isObject()) {
      throw bad("body: not a JSON object");
    }
    for (String field : REFUSED) {
      if (body.has(field) && !body.get(field).isNull()) {
        throw bad(field + ": not supported by this server");
      }
    }
    String model = optionalString(body, "model").orElse("");
    List<Turn> turns = new ArrayList<>();
    Message user = lastUserMessage(body.get("messages"), turns);
    double temperature = number(body, "temperature", 0, 0, 2);
    double topP = number(body, "top_p", 1, 0, 1);
    if (topP <= 0) {
      throw bad("top_p: must be above 0, got " + topP);
    }
    for (String penalty : List.of("presence_penalty", "frequency_penalty")) {
      double v = number(body, penalty, 0, -2, 2);
      if (v != 0) {
        throw bad(penalty + ": only 0 is supported, got " + v);
      }
    }
    long n = integer(body, "n", 1, 1, Long.MAX_VALUE);
    if (n != 1) {
      throw bad("n: only 1 is supported, got " + n);
    }
    if (bool(body, "logprobs", false)) {
      throw bad("logprobs: not supported by this server");
    }
    JsonNode format = body.get("response_format");
    if (format != null && !format.isNull()) {
      if (!format.isObject() || !format.path("type").isTextual()) {
        throw bad("response_format: expected an object with a string 'type'");
      }
      if (!format.path("type").asText().equals("text")) {
        throw bad(
            "response_format.type: only 'text' is supported, got '"
                + format.path("type").asText()
                + "'");
      }
    }
    long max;
    if (present(body, "max_completion_tokens")) {
      max = integer(body, "max_completion_tokens", defaultMaxTokens, 1, Integer.MAX_VALUE);
    } else {
      max = integer(body, "max_tokens", defaultMaxTokens, 1, Integer.MAX_VALUE);
    }
    long seed = integer(body, "seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
    List<String> stop = stop(body.get("stop"));
    boolean stream = bool(body, "stream", false);
    boolean usage = false;
    JsonNode options = body.get("stream_options");
    if (options != null && !options.isNull()) {
      if (!stream) {
        throw bad("stream_options: only allowed when stream is true");
      }
      if (!options.isObject()) {
        throw bad("stream_options: expected an object");
      }
      usage = bool(options, "include_usage", false, "stream_options.");
    }
    return new ChatRequest(
        turns,
        user.text(),
        user.image(),
        temperature,
        topP,
        (int) max,
        seed,
        model,
        stop,
        stream,
        usage);
  }

  private record Message(String text, Optional<byte[]> image, List<Part> parts) {}

  private static Message lastUserMessage(JsonNode messages, List<Turn> turns) {
    if (messages == null || messages.isNull()) {
      throw bad("messages: missing");
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw bad("messages: expected a non-empty list of messages");
    }
    Message last = null;
    for (int i = 0; i < messages.size(); i++) {
      String where = "messages[" + i + "]";
      JsonNode m = messages.get(i);
      if (!m.isObject()) {
        throw bad(where + ": expected an object");
      }
      JsonNode role = m.get("role");
      if (role == null || !role.isTextual()) {
        throw bad(where + ".role: missing or not a string");
      }
      if (!ROLES.contains(role.asText())) {
        throw bad(
            where
                + ".role: '"
                + clip(role.asText())
                + "' is not one of system, developer, user, assistant");
      }
      Message read = content(m.get("content"), where + ".content", role.asText().equals("user"));
      turns.add(new Turn(role.asText(), read.parts()));
      if (role.asText().equals("user")) {
        last = read;
      }
    }
    if (last == null) {
      throw bad("messages: no message with role 'user'");
    }
    return last;
  }

  private static Message content(JsonNode content, String where, boolean user) {
    if (content == null || content.isNull()) {
      throw bad(where + ": missing");
    }
    if (content.isTextual()) {
      return new Message(content.asText(), Optional.empty(), List.of(new Text(content.asText())));
    }
    if (!content.isArray()) {
      throw bad(where + ": neither a string nor a list of parts");
    }
    List<String> texts = new ArrayList<>();
    List<Part> parts = new ArrayList<>();
    Optional<byte[]> image = Optional.empty();
    for (int i = 0; i < content.size(); i++) {
      String at = where + "[" + i + "]";
      JsonNode part = content.get(i);
      if (!part.isObject() || !part.path("type").isTextual()) {
        throw bad(at + ": expected an object with a string 'type'");
      }
      switch (part.get("type").asText()) {
        case "text" -> {
          JsonNode t = part.get("text");
          if (t == null || !t.isTextual()) {
            throw bad(at + ".text: missing or not a string");
          }
          texts.add(t.asText());
          parts.add(new Text(t.asText()));
        }
        case "image_url" -> {
          if (!user) {
            throw bad(at + ": images are only read from user messages");
          }
          if (image.isPresent()) {
            throw bad(at + ": more than one image; the policy reads one image per request");
          }
          JsonNode url = part.get("image_url");
          JsonNode u = url != null && url.isObject() ? url.get("url") : url;
          if (u == null || !u.isTextual()) {
            throw bad(at + ".image_url.url: missing or not a string");
          }
          image = Optional.of(dataUrl(u.asText(), at + ".image_url.url"));
          parts.add(new Image(image.get()));
        }
        default ->
            throw bad(
                at
                    + ".type: '"
                    + clip(part.get("type").asText())
                    + "' is not supported (text, image_url)");
      }
    }
    return new Message(String.join("\n", texts), image, parts);
  }

  private static byte[] dataUrl(String url, String where) {
    int comma = url.indexOf(',');
    String head = comma < 0 ? "" : url.substring(0, comma);
    if (!url.startsWith("data:") || comma < 0 || !head.endsWith(";base64")) {
      throw bad(where + ": only base64 data URLs (data:image/png;base64,...) are accepted");
    }
    String mime = head.substring(5, head.length() - ";base64".length());
    if (!mime.isEmpty() && !mime.startsWith("image/")) {
      throw bad(where + ": media type '" + clip(mime) + "' is not an image");
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(withoutWhitespace(url, comma + 1));
      if (bytes.length == 0) {
        throw bad(where + ": the image is empty");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw bad(where + ": invalid base64");
    }
  }

  private static String withoutWhitespace(String s, int from) {
    StringBuilder b = new StringBuilder(s.length() - from);
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static List<String> stop(JsonNode stop) {
    if (stop == null || stop.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (stop.isTextual()) {
      out.add(stop.asText());
    } else if (stop.isArray()) {
      if (stop.size() > 4) {
        throw bad("stop: at most 4 sequences, got " + stop.size());
      }
      for (Iterator<JsonNode> it = stop.elements(); it.hasNext(); ) {
        JsonNode s = it.next();
        if (!s.isTextual()) {
          throw bad("stop: expected strings");
        }
        out.add(s.asText());
      }
    } else {
      throw bad("stop: expected a string or a list of strings");
    }
    for (String s : out) {
      if (s.isEmpty()) {
        throw bad("stop: empty strings are not allowed");
      }
    }
    return out;
  }

  private static boolean present(JsonNode body, String field) {
    return body.has(field) && !body.get(field).isNull();
  }

  private static Optional<String> optionalString(JsonNode body, String field) {
    if (!present(body, field)) {
      return Optional.empty();
    }
    if (!body.get(field).isTextual()) {
      throw bad(field + ": expected a string");
    }
    return Optional.of(body.get(field).asText());
  }

  private static double number(JsonNode body, String field, double dflt, double lo, double hi) {
    if (!present(body, field)) {
      return dflt;
    }
    JsonNode v = body.get(field);
    if (!v.isNumber()) {
      throw bad(field + ": expected a number, got " + kind(v));
    }
    double d = v.asDouble();
    if (!(d >= lo && d <= hi)) {
      throw bad(field + ": must be between " + fmt(lo) + " and " + fmt(hi) + ", got " + v);
    }
    return d;
  }

  private static long integer(JsonNode body, String field, long dflt, long lo, long hi) {
    if (!present(body, field)) {
      return dflt;
    }
    JsonNode v = body.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw bad(field + ": expected an integer, got " + kind(v));
    }
    long l = v.asLong();
    if (l < lo || l > hi) {
      throw bad(field + ": must be between " + lo + " and " + hi + ", got " + l);
    }
    return l;
  }

  private static boolean bool(JsonNode body, String field, boolean dflt) {
    return bool(body, field, dflt, "");
  }

  private static boolean bool(JsonNode body, String field, boolean dflt, String prefix) {
    if (!present(body, field)) {
      return dflt;
    }
    JsonNode v = body.get(field);
    if (!v.isBoolean()) {
      throw bad(prefix + field + ": expected true or false, got " + kind(v));
    }
    return v.asBoolean();
  }

  private static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case NUMBER -> v.isIntegralNumber() ? "an integer out of range" : "a fraction";
      default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static BadChatRequestException bad(String message) {
    return new BadChatRequestException(message);
  }
}
