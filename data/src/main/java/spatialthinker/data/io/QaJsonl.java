package spatialthinker.data.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import spatialthinker.data.MalformedRowException;
import spatialthinker.data.QaRow;

/**
 * The JSONL mirror of the data set: one row per line, the parquet columns in the same order, with
 * {@code images} as the image file's path (relative to the JSONL file) and {@code image_name},
 * {@code width}, {@code height} added. Lines are written with a fixed field order, so equal rows
 * give equal bytes.
 */
public final class QaJsonl {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private QaJsonl() {}

  /** The JSON line of a row, without the newline. */
  public static String toLine(QaRow r) {
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("image_id", r.imageId());
      g.writeStringField("images", r.imageFile());
      g.writeStringField("problem", r.problem());
      g.writeStringField("question_only", r.questionOnly());
      g.writeStringField("question_with_options", r.questionWithOptions());
      g.writeArrayFieldStart("options");
      for (String o : r.options()) {
        g.writeString(o);
      }
      g.writeEndArray();
      g.writeStringField("answer", r.answer());
      g.writeStringField("answer_only", r.answerOnly());
      g.writeStringField("answer_text", r.answerText());
      g.writeStringField("answer_text_only", r.answerTextOnly());
      g.writeStringField("answer_option_text", r.answerOptionText());
      g.writeStringField("answer_option_text_only", r.answerOptionTextOnly());
      g.writeStringField("category", r.category());
      g.writeStringField("level", r.level());
      g.writeNumberField("rating", r.rating());
      g.writeStringField("source", r.source());
      g.writeStringField("split", r.split());
      g.writeStringField("scene_id", r.sceneId());
      g.writeStringField("teacher_response", r.teacherResponse());
      g.writeStringField("problem_reasoning", r.problemReasoning());
      g.writeStringField("qa_id", r.qaId());
      g.writeStringField("image_name", r.imageName());
      g.writeNumberField("width", r.width());
      g.writeNumberField("height", r.height());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Reads one line.
   *
   * @param where prefix for messages, e.g. {@code qa.jsonl line 3}
   * @throws MalformedRowException naming the field when the line is not a row
   */
  public static QaRow parse(String line, String where) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new MalformedRowException(where + ": not JSON");
    }
    if (n == null || !n.isObject()) {
      throw new MalformedRowException(where + ": not a JSON object");
    }
    try {
      List<String> options = new ArrayList<>();
      for (JsonNode o : field(n, "options", where)) {
        options.add(o.asText());
      }
      return new QaRow(
          text(n, "qa_id", where),
          text(n, "image_id", where),
          text(n, "image_name", where),
          text(n, "images", where),
          field(n, "width", where).asInt(),
          field(n, "height", where).asInt(),
          text(n, "problem", where),
          text(n, "question_only", where),
          text(n, "question_with_options", where),
          options,
          text(n, "answer", where),
          text(n, "answer_only", where),
          text(n, "answer_text", where),
          text(n, "answer_text_only", where),
          text(n, "answer_option_text", where),
          text(n, "answer_option_text_only", where),
          text(n, "category", where),
          text(n, "level", where),
          field(n, "rating", where).asInt(),
          text(n, "source", where),
          text(n, "split", where),
          text(n, "scene_id", where),
          text(n, "teacher_response", where),
          text(n, "problem_reasoning", where));
    } catch (IllegalArgumentException e) {
      throw new MalformedRowException(where + ": " + e.getMessage());
    }
  }

  private static JsonNode field(JsonNode n, String name, String where) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new MalformedRowException(where + ": " + name + " is missing");
    }
    return v;
  }

  private static String text(JsonNode n, String name, String where) {
    JsonNode v = field(n, name, where);
    if (!v.isTextual()) {
      throw new MalformedRowException(where + ": " + name + " must be a string");
    }
    return v.textValue();
  }
}
