package spatialthinker.core.qa;

import java.util.List;

/**
 * The column names of the QA data set, in file order: STVQA-7K's, then ours. The data module's
 * reader and writer ({@code spatialthinker.data.io.QaParquet}) own the layout; training reads
 * through it, and evaluation maps its {@code stvqa} benchmarks with these names.
 */
public final class QaColumns {

  public static final String IMAGE_ID = "image_id";
  public static final String IMAGES = "images";
  public static final String PROBLEM = "problem";
  public static final String QUESTION_ONLY = "question_only";
  public static final String QUESTION_WITH_OPTIONS = "question_with_options";
  public static final String OPTIONS = "options";
  public static final String ANSWER = "answer";
  public static final String ANSWER_ONLY = "answer_only";
  public static final String ANSWER_TEXT = "answer_text";
  public static final String ANSWER_TEXT_ONLY = "answer_text_only";
  public static final String ANSWER_OPTION_TEXT = "answer_option_text";
  public static final String ANSWER_OPTION_TEXT_ONLY = "answer_option_text_only";
  public static final String CATEGORY = "category";
  public static final String LEVEL = "level";
  public static final String RATING = "rating";
  public static final String SOURCE = "source";
  public static final String SPLIT = "split";
  public static final String SCENE_ID = "scene_id";
  public static final String TEACHER_RESPONSE = "teacher_response";
  public static final String PROBLEM_REASONING = "problem_reasoning";
  public static final String QA_ID = "qa_id";

  /** Every column in file order. */
  public static final List<String> ALL =
      List.of(
          IMAGE_ID,
          IMAGES,
          PROBLEM,
          QUESTION_ONLY,
          QUESTION_WITH_OPTIONS,
          OPTIONS,
          ANSWER,
          ANSWER_ONLY,
          ANSWER_TEXT,
          ANSWER_TEXT_ONLY,
          ANSWER_OPTION_TEXT,
          ANSWER_OPTION_TEXT_ONLY,
          CATEGORY,
          LEVEL,
          RATING,
          SOURCE,
          SPLIT,
          SCENE_ID,
          TEACHER_RESPONSE,
          PROBLEM_REASONING,
          QA_ID);

  private QaColumns() {}
}
