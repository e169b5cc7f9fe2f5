package spatialthinker.reward.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.StrictJson;
import spatialthinker.reward.service.ChatTemplateResponseExtractor.Extraction;

/**
 * Reads the two request bodies into reward inputs, with errors that name the offending field
 * ({@code records[3].problem: missing}).
 */
final class RequestBodies {

  /** A {@code /v1/rewards} request: the records and the reward asked for, if any. */
  record BatchRequest(List<RewardInput> inputs, Optional<String> reward) {}

  private final StrictJson json;
  private final ChatTemplateResponseExtractor extractor;

  RequestBodies(long maxBodyBytes, ChatTemplateResponseExtractor extractor) {
    // One string may take the whole body; Jackson's default cap (20M chars) would reject it first.
    this.json = new StrictJson(maxBodyBytes);
    this.extractor = extractor;
  }

  /** {@code {"records": [...], "reward": "dense"}} or a bare array of records. */
  BatchRequest batch(byte[] body) {
    JsonNode root = parse(body);
    JsonNode records;
    Optional<String> reward = Optional.empty();
    if (root.isArray()) {
      records = root;
    } else if (root.isObject()) {
      records = root.get("records");
      if (records == null) {
        throw new BadRequestException("records: missing");
      }
      if (!records.isArray()) {
        throw new BadRequestException("records: expected an array, got " + kind(records));
      }
      JsonNode name = root.get("reward");
      if (name != null && !name.isNull()) {
        if (!name.isTextual()) {
          throw new BadRequestException("reward: expected a string, got " + kind(name));
        }
        reward = Optional.of(name.textValue());
      }
    } else {
      throw new BadRequestException(
          "body: expected an object with \"records\" or an array of records, got " + kind(root));
    }
    List<RewardInput> inputs = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      String where = "records[" + i + "]";
      if (!record.isObject()) {
        throw new BadRequestException(where + ": expected an object, got " + kind(record));
      }
      inputs.add(
          new RewardInput(
              text(record, "response", where),
              text(record, "ground_truth", where),
              text(record, "problem", where)));
    }
    return new BatchRequest(List.copyOf(inputs), reward);
  }

  /**
   * An OpenRLHF {@code /get_reward} request: {@code query} (prompt and response rendered with the
   * chat template), {@code labels} (ground truths) and, optionally, {@code prompts}.
   */
  List<RewardInput> openRlhf(byte[] body) {
    JsonNode root = parse(body);
    if (!root.isObject()) {
      throw new BadRequestException("body: expected a JSON object, got " + kind(root));
    }
    List<String> queries = strings(root, "query", true).orElseThrow();
    List<String> labels = strings(root, "labels", true).orElseThrow();
    Optional<List<String>> prompts = strings(root, "prompts", false);
    if (labels.size() != queries.size()) {
      throw new BadRequestException(
          "labels: length " + labels.size() + " differs from query length " + queries.size());
    }
    if (prompts.isPresent() && prompts.get().size() != queries.size()) {
      throw new BadRequestException(
          "prompts: length "
              + prompts.get().size()
              + " differs from query length "
              + queries.size());
    }
    List<RewardInput> inputs = new ArrayList<>(queries.size());
    for (int i = 0; i < queries.size(); i++) {
      int index = i;
      Optional<String> prompt = prompts.map(list -> list.get(index));
      Extraction split = extractor.extract(queries.get(i), prompt);
      inputs.add(new RewardInput(split.response(), labels.get(i), prompt.orElse(split.problem())));
    }
    return List.copyOf(inputs);
  }

  private JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new BadRequestException("body: empty, expected JSON");
    }
    try {
      return json.read(body);
    } catch (StrictJson.InvalidJsonException e) {
      throw new BadRequestException("body: " + e.getMessage());
    }
  }

  private static Optional<List<String>> strings(JsonNode root, String field, boolean required) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new BadRequestException(field + ": missing");
      }
      return Optional.empty();
    }
    if (!node.isArray()) {
      throw new BadRequestException(field + ": expected an array of strings, got " + kind(node));
    }
    List<String> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isTextual()) {
        throw new BadRequestException(field + "[" + i + "]: expected a string, got " + kind(item));
      }
      out.add(item.textValue());
    }
    return Optional.of(out);
  }

  private static String text(JsonNode record, String field, String where) {
    JsonNode node = record.get(field);
    if (node == null) {
      throw new BadRequestException(where + "." + field + ": missing");
    }
    if (!node.isTextual()) {
      throw new BadRequestException(where + "." + field + ": expected a string, got " + kind(node));
    }
    return node.textValue();
  }

  static String kind(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    return switch (type) {
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      case BINARY -> "binary";
      case MISSING -> "nothing";
    };
  }

  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    String flat = message.replaceAll("\\s+", " ").strip();
    return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
  }
}
