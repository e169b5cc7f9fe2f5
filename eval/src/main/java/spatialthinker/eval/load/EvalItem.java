package spatialthinker.eval.load;

import java.util.List;
import java.util.Objects;
import spatialthinker.clients.ImagePart;

/**
 * An item with its images, as the runner sends it.
 *
 * @param meta everything but the images
 * @param images the images in the benchmark's column order (null cells skipped)
 */
public record EvalItem(ItemMeta meta, List<ImagePart> images) {

  public EvalItem {
    Objects.requireNonNull(meta, "meta");
    images = List.copyOf(Objects.requireNonNull(images, "images"));
  }
}
