package spatialthinker.data.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import spatialthinker.clients.ChatMessage;
import spatialthinker.clients.ChatModel;
import spatialthinker.clients.ChatRequest;
import spatialthinker.clients.ChatResponse;
import spatialthinker.clients.ImagePart;
import spatialthinker.clients.ModelRequestException;
import spatialthinker.clients.TextPart;
import spatialthinker.core.answer.AnswerExtractor;
import spatialthinker.core.answer.Choices;
import spatialthinker.core.answer.Extraction;
import spatialthinker.data.QaRow;
import spatialthinker.data.io.QaParquet;
import spatialthinker.data.llm.Journal;

/**
 * The paper's consistency filter: a vision model answers each question twice; the row is kept if
 * either answer is right (pass@2), else it answers twice more and the row is kept if either of
 * those is right; a row all four answers miss is dropped. Rows are validated concurrently; each
 * verdict is recorded with every answer (text, extracted letter, right or not, latency) in a
 * journal keyed by {@code qa_id} as soon as it is known, so a resumed run asks only about rows
 * without one. A row whose requests fail is not recorded and fails the run, to be asked again next
 * time.
 */
public final class Validator {

  /** Answers asked before the extra round, and in it. */
  public static final int ROUND = 2;

  private final ChatModel model;
  private final int concurrency;
  private final int maxTokens;
  private final AnswerExtractor extractor = new AnswerExtractor();

  /**
   * @param model the answering model
   * @param concurrency rows in flight at once
   * @param maxTokens reply length limit
   */
  public Validator(ChatModel model, int concurrency, int maxTokens) {
    this.model = Objects.requireNonNull(model, "model");
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1, got " + concurrency);
    }
    this.concurrency = concurrency;
    this.maxTokens = maxTokens;
  }

  /** The journal of a validated file: {@code x.parquet} answers go to {@code x.answers.jsonl}. */
  public static Path journalOf(Path out) {
    String name = out.getFileName().toString();
    String stem = name.endsWith(".parquet") ? name.substring(0, name.length() - 8) : name;
    return out.resolveSibling(stem + ".answers.jsonl");
  }

  /**
   * Validates {@code in} into {@code out}.
   *
   * @param onRow called with the number of rows with a verdict so far
   * @throws IllegalStateException when some rows could not be asked (they are asked next run)
   */
  public ValidationSummary run(Path in, Path out, IntConsumer onRow) {
    long start = System.nanoTime();
    List<QaRow> rows = QaParquet.read(in);
    Path images;
    try {
      images = Files.createTempDirectory("st-validate");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
    }
    AtomicLong requests = new AtomicLong();
    int resumed = 0;
    List<String> failures = new ArrayList<>();
    try (Journal journal = new Journal(journalOf(out), "qa_id")) {
      Map<String, Path> files = QaParquet.extractImages(in, images);
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      List<Future<?>> futures = new ArrayList<>();
      int done = 0;
      for (QaRow r : rows) {
        if (journal.get(r.qaId()).isPresent()) {
          resumed++;
          onRow.accept(++done);
          continue;
        }
        futures.add(pool.submit(() -> journal.put(validate(r, files.get(r.imageId()), requests))));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          failures.add(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while validating", e);
        }
        onRow.accept(++done);
      }
      pool.shutdownNow();
      if (!failures.isEmpty()) {
        throw new IllegalStateException(
            failures.size()
                + " rows could not be validated (first: "
                + failures.get(0)
                + "); their answers so far are in "
                + journal.file()
                + "; run again to ask for them");
      }
      List<String> kept = new ArrayList<>();
      int firstTwo = 0;
      for (QaRow r : rows) {
        JsonNode v = journal.get(r.qaId()).orElseThrow();
        if (v.path("kept").asBoolean()) {
          kept.add(r.qaId());
          if (v.path("kept_by").asText().equals("pass@2")) {
            firstTwo++;
          }
        }
      }
      QaParquet.copyKept(in, kept, out);
      return new ValidationSummary(
          rows.size(),
          kept.size(),
          firstTwo,
          rows.size() - kept.size(),
          resumed,
          requests.get(),
          (System.nanoTime() - start) / 1e9);
    } finally {
      deleteTree(images);
    }
  }

  // Up to four answers: pass@2, then two more; stops at the first right one.
  private ObjectNode validate(QaRow r, Path image, AtomicLong requests) {
    ImagePart img;
    try {
      img = model.prepareImage(ImagePart.of(Files.readAllBytes(image)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Choices choices = new Choices(r.options());
    ObjectNode entry = Journal.entry();
    entry.put("qa_id", r.qaId());
    entry.put("truth", r.answerOnly());
    ArrayNode answers = entry.putArray("answers");
    Optional<String> keptBy = Optional.empty();
    for (int i = 0; i < 2 * ROUND && keptBy.isEmpty(); i++) {
      ChatResponse reply;
      try {
        reply = model.chat(request(r, img));
      } catch (ModelRequestException e) {
        throw new IllegalStateException("row " + r.qaId() + ": " + e.getMessage(), e);
      }
      requests.incrementAndGet();
      Extraction x = extractor.extract(reply.text(), choices);
      boolean right = x.answer().map(a -> a.equals(r.answerOnly())).orElse(false);
      ObjectNode a = answers.addObject();
      a.put("text", reply.text());
      a.put("letter", x.answer().orElse(null));
      a.put("right", right);
      a.put("latency_ms", reply.latency().toMillis());
      if (right) {
        keptBy = Optional.of(i < ROUND ? "pass@2" : "extra");
      }
    }
    entry.put("kept", keptBy.isPresent());
    entry.put("kept_by", keptBy.orElse("none"));
    return entry;
  }

  private ChatRequest request(QaRow r, ImagePart img) {
    String text =
        "Answer the multiple-choice question about this image.\n\n"
            + r.questionWithOptions()
            + "\n\nReply with the letter of the correct option only.";
    return new ChatRequest(
        List.of(ChatMessage.user(List.of(img, new TextPart(text)))),
        maxTokens,
        OptionalDouble.of(1.0),
        Map.of());
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
