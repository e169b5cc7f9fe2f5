package spatialthinker.scenes;

import java.util.Objects;

/**
 * A record a {@link SceneSource} could not turn into a scene, and why.
 *
 * @param source the file it came from
 * @param position where in the file: {@code line N} (1-based) for JSONL, {@code row N} (0-based, as
 *     pandas and Hugging Face datasets count) for parquet
 * @param reason what is wrong, naming the field
 */
public record SkippedScene(String source, String position, String reason) {

  public SkippedScene {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return source + " " + position + ": " + reason;
  }
}
