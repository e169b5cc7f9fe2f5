package spatialthinker.data.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how a QA data set is written: one parquet file with a {@code split} column ({@code
 * FILE.parquet}), or a directory of Hugging Face split files ({@code
 * DIR/train-00000-of-00001.parquet}, {@code DIR/val-00000-of-00001.parquet}, more shards when a
 * split is larger than {@code maxShardBytes}); and whether {@code images} holds one Image struct
 * per row or a list of them.
 *
 * @param path the file (its name ends with {@code .parquet}) or the directory
 * @param images the layout of the {@code images} column
 * @param maxShardBytes the most bytes (images and text) a split file holds before the next begins
 */
public record QaOutput(Path path, Images images, long maxShardBytes) {

  /** Hugging Face's default shard size, 500 MB. */
  public static final long DEFAULT_SHARD_BYTES = 500L * 1000 * 1000;

  /** The layout of the {@code images} column. */
  public enum Images {
    /** One Hugging Face Image struct {@code {bytes, path}} per row, as STVQA-7K. */
    SINGLE,
    /** A list holding one Image struct, as upstream EasyR1 reads {@code images}. */
    LIST;

    /** The layout named {@code single} or {@code list}. */
    public static Images parse(String name) {
      return switch (name.strip().toLowerCase(Locale.ROOT)) {
        case "single" -> SINGLE;
        case "list" -> LIST;
        default ->
            throw new IllegalArgumentException(
                "--images must be single or list, got '" + name + "'");
      };
    }
  }

  public QaOutput {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(images, "images");
    if (maxShardBytes <= 0) {
      throw new IllegalArgumentException("shard size must be positive, got " + maxShardBytes);
    }
  }

  /** A file or directory with single images and the default shard size. */
  public static QaOutput of(Path path) {
    return new QaOutput(path, Images.SINGLE, DEFAULT_SHARD_BYTES);
  }

  /** True when {@code path} names a directory of split files rather than one parquet file. */
  public boolean splitFiles() {
    return isSplitDirectory(path);
  }

  /** True when a path names a split directory: its name does not end with {@code .parquet}. */
  public static boolean isSplitDirectory(Path path) {
    return !path.getFileName().toString().endsWith(".parquet");
  }
}
