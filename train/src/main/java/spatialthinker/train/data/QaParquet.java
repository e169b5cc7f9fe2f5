package spatialthinker.train.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spatialthinker.core.provenance.Provenance;
import spatialthinker.data.MalformedRowException;

/**
 * The QA data set as training reads it, through the data module's reader ({@link
 * spatialthinker.data.io.QaParquet#readTraining}), which owns the layout: a file or a directory of
 * split files, STVQA-7K's or ours.
 */
public final class QaParquet {

  private QaParquet() {}

  /** Every row of a file or split directory, in file order. */
  public static List<QaExample> read(Path file) {
    List<spatialthinker.data.io.QaParquet.TrainingRow> rows;
    try {
      rows = spatialthinker.data.io.QaParquet.readTraining(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--data " + e.getMessage(), e);
    } catch (MalformedRowException e) {
      throw new MalformedDataException(e.getMessage(), e);
    }
    List<QaExample> out = new ArrayList<>(rows.size());
    for (var r : rows) {
      out.add(
          new QaExample(
              r.imageId(),
              r.image(),
              r.problem(),
              r.options(),
              r.answerOptionText(),
              r.category(),
              r.split(),
              r.teacherResponse()));
    }
    return out;
  }

  /** SHA-256 of a file, or of a split directory's files, for provenance. */
  public static String hash(Path file) {
    return Provenance.sha256(file);
  }
}
