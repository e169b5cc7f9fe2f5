package spatialthinker.eval.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import spatialthinker.core.graph.SceneGraph;

/**
 * What the report shows about a data set: a line of description, bar charts, and example items.
 *
 * @param description one paragraph (plain text)
 * @param charts bar charts, in display order
 * @param examples example items with their ground-truth boxes
 */
public record DataSection(String description, List<Bars> charts, List<Example> examples) {

  public DataSection {
    Objects.requireNonNull(description, "description");
    charts = List.copyOf(charts);
    examples = List.copyOf(examples);
  }

  /**
   * A horizontal bar chart: one row per label, one bar per series.
   *
   * @param title the chart's title
   * @param labels row labels
   * @param series the bars of each row
   * @param percent values are proportions shown as percentages (else counts)
   */
  public record Bars(String title, List<String> labels, List<BarSeries> series, boolean percent) {
    public Bars {
      Objects.requireNonNull(title, "title");
      labels = List.copyOf(labels);
      series = List.copyOf(series);
      if (series.isEmpty()) {
        throw new IllegalArgumentException("chart '" + title + "' has no series");
      }
      for (BarSeries s : series) {
        if (s.values().length != labels.size()) {
          throw new IllegalArgumentException(
              "chart '"
                  + title
                  + "': series "
                  + s.name()
                  + " has "
                  + s.values().length
                  + " values for "
                  + labels.size()
                  + " labels");
        }
      }
    }
  }

  /** One bar per label. */
  public record BarSeries(String name, double[] values) {
    public BarSeries {
      Objects.requireNonNull(name, "name");
      values = values.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }
  }

  /**
   * An example item.
   *
   * @param tag a short label (category, level)
   * @param question the question with its options
   * @param answer the ground-truth answer, e.g. {@code (B) behind}
   * @param image the encoded image
   * @param truth the ground-truth scene graph (boxes in the image's pixels), if the item has one
   */
  public record Example(
      String tag, String question, String answer, byte[] image, Optional<SceneGraph> truth) {
    public Example {
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(question, "question");
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(truth, "truth");
      image = image.clone();
      if (image.length == 0) {
        throw new IllegalArgumentException("example '" + question + "': image is empty");
      }
    }

    @Override
    public byte[] image() {
      return image.clone();
    }
  }
}
