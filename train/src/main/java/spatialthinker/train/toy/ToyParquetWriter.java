package spatialthinker.train.toy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import spatialthinker.data.QaRow;
import spatialthinker.data.StableHash;
import spatialthinker.data.io.QaParquet;

/** Writes toy rows through the data module's QA writer, in the data set's parquet layout. */
final class ToyParquetWriter {

  private ToyParquetWriter() {}

  static void write(Path file, List<ToyRow> rows) {
    Map<QaRow, byte[]> images = new IdentityHashMap<>();
    List<QaRow> out = new ArrayList<>(rows.size());
    for (ToyRow r : rows) {
      QaRow q = row(r);
      images.put(q, r.png());
      out.add(q);
    }
    QaParquet.write(out, images::get, file);
  }

  private static QaRow row(ToyRow r) {
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(r.png()));
    } catch (IOException e) {
      throw new UncheckedIOException("toy image " + r.imageId() + " does not decode", e);
    }
    String scene = r.answer().substring(0, r.answer().indexOf("<answer>"));
    String optionText = "(" + r.answerOnly() + ") " + r.answerText();
    String name = r.imageId() + ".png";
    return new QaRow(
        StableHash.hex(r.imageId() + "\u001f" + r.questionOnly()),
        r.imageId(),
        name,
        name,
        img.getWidth(),
        img.getHeight(),
        r.problem(),
        r.questionOnly(),
        r.questionWithOptions(),
        r.options(),
        r.answer(),
        r.answerOnly(),
        scene + "<answer>" + r.answerText() + "</answer>",
        r.answerText(),
        r.answerOptionText(),
        optionText,
        r.category(),
        r.level(),
        r.rating(),
        "synthetic",
        r.split(),
        r.sceneId(),
        r.teacherResponse(),
        r.problem());
  }
}
