package spatialthinker.data.synth;

import java.util.List;
import java.util.SplittableRandom;
import spatialthinker.data.Category;
import spatialthinker.data.QaItem;

/** Writes every clear-cut question of one category that a rendered scene supports. */
interface QuestionMaker {

  /** The category of the questions. */
  Category category();

  /** All questions this scene supports; {@code random} picks phrasings and distractors. */
  List<QaItem> make(SceneFacts facts, SplittableRandom random);
}
