package spatialthinker.data.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spatialthinker.clients.ChatModel;
import spatialthinker.clients.ChatRequest;
import spatialthinker.clients.ChatResponse;
import spatialthinker.clients.ModelRequestException;
import spatialthinker.clients.TextPart;
import spatialthinker.core.parse.ParseLimits;
import spatialthinker.core.parse.SceneJson;
import spatialthinker.data.QaItem;
import spatialthinker.data.QuestionSource;
import spatialthinker.data.SceneFailedException;
import spatialthinker.data.SceneSkippedException;
import spatialthinker.scenes.ObjectTruth;
import spatialthinker.scenes.Scene;

/**
 * Questions written by a language model from the scene graph, as the paper wrote STVQA-7K: one
 * question per scene as JSON, checked against the graph ({@link ReplyChecker}). A reply that is not
 * JSON of the right shape is asked again, up to {@code tries} times; a reply that fails a check, or
 * the last bad one, skips the scene with the reason logged. Every outcome is recorded in a journal
 * keyed by image id, so a resumed run asks only about scenes without one; a scene whose requests
 * fail (server errors after the client's retries) is not recorded and fails the run, to be asked
 * again next time.
 */
public final class LlmQuestions implements QuestionSource {

  /** Default number of tries for a reply that is not usable JSON. */
  public static final int DEFAULT_TRIES = 3;

  private static final Logger LOG = LoggerFactory.getLogger(LlmQuestions.class);
  private static final SceneJson JSON = new SceneJson(ParseLimits.DEFAULT);

  private final ChatModel model;
  private final Journal journal;
  private final int tries;
  private final int maxTokens;

  /**
   * @param model the model that writes questions
   * @param journal where outcomes are recorded (key {@code image_id})
   * @param tries attempts per scene for unusable JSON, at least 1
   * @param maxTokens reply length limit
   */
  public LlmQuestions(ChatModel model, Journal journal, int tries, int maxTokens) {
    this.model = Objects.requireNonNull(model, "model");
    this.journal = Objects.requireNonNull(journal, "journal");
    if (tries < 1) {
      throw new IllegalArgumentException("--tries must be at least 1, got " + tries);
    }
    this.tries = tries;
    this.maxTokens = maxTokens;
  }

  @Override
  public List<QaItem> questions(Scene scene) {
    Optional<JsonNode> done = journal.get(scene.imageId());
    if (done.isPresent()) {
      JsonNode e = done.get();
      if (e.path("status").asText().equals("ok")) {
        return List.of(ReplyChecker.check(scene, e.path("reply").asText()));
      }
      throw new SceneSkippedException(e.path("reason").asText());
    }
    String reason = "no reply";
    for (int attempt = 1; attempt <= tries; attempt++) {
      ChatResponse reply;
      try {
        reply =
            model.chat(
                ChatRequest.of(
                    List.of(new TextPart(prompt(scene))), maxTokens, OptionalDouble.of(0.0)));
      } catch (ModelRequestException e) {
        throw new SceneFailedException(scene.imageId() + ": " + e.getMessage(), e);
      }
      try {
        QaItem item = ReplyChecker.check(scene, reply.text());
        record(scene, "ok", reply.text(), "");
        return List.of(item);
      } catch (ReplyChecker.BadReplyException e) {
        reason = e.getMessage();
        LOG.info("scene {} try {}: {}", scene.imageId(), attempt, reason);
        if (!e.retry) {
          record(scene, "skipped", reply.text(), "rejected: " + reason);
          throw new SceneSkippedException("rejected: " + reason);
        }
      }
    }
    String why = "no usable JSON after " + tries + " tries: " + reason;
    record(scene, "skipped", "", why);
    throw new SceneSkippedException(why);
  }

  private void record(Scene scene, String status, String reply, String reason) {
    ObjectNode e = Journal.entry();
    e.put("image_id", scene.imageId());
    e.put("status", status);
    e.put("reply", reply);
    e.put("reason", reason);
    journal.put(e);
  }

  /** The request text: the task, the output format, then the scene graph. */
  static String prompt(Scene scene) {
    StringBuilder b = new StringBuilder();
    b.append(
        "Write one multiple-choice question that tests spatial reasoning about the image whose"
            + " scene graph is given below. Use only objects and relations that the graph lists;"
            + " refer to objects by their names (the part of the id before the dot), never by id.\n"
            + "Pick one category: relation (spatial predicate), reach (contact or interaction),"
            + " size (bigger/smaller, taller/shorter), orientation (direction from an object's"
            + " point of view), instance_location (part of the image), depth (closer to the"
            + " camera), distance (closer to a reference object), count (how many), existence"
            + " (yes/no). Give 2 to 4 options with exactly one correct, a difficulty level (easy,"
            + " medium or hard) and a rating from 1 to 10 of how much the question exercises"
            + " spatial understanding.\n"
            + "Reply with one JSON object and nothing else, for example:\n"
            + "{\"question\": \"Where is the cup with respect to the plate?\", \"options\":"
            + " [\"on top of\", \"under\", \"left of\"], \"answer\": \"A\", \"category\":"
            + " \"relation\", \"level\": \"easy\", \"rating\": 6}\n\n");
    b.append("Image size: (")
        .append(scene.width())
        .append(" x ")
        .append(scene.height())
        .append(")\nScene graph:\n")
        .append(JSON.write(scene.graph()));
    scene
        .truth()
        .ifPresent(
            t -> {
              b.append("\nObject attributes:");
              for (ObjectTruth o : t.objects()) {
                b.append("\n")
                    .append(o.id())
                    .append(": ")
                    .append(o.size().word())
                    .append(' ')
                    .append(o.material().word())
                    .append(' ')
                    .append(o.color().word())
                    .append(' ')
                    .append(o.shape().word());
              }
            });
    return b.toString();
  }
}
