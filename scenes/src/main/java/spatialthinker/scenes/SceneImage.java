package spatialthinker.scenes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The image of a scene: encoded bytes (PNG or JPEG) and the relative path under which they are
 * stored, as in the Hugging Face Image struct {@code {bytes, path}}.
 */
public sealed interface SceneImage {

  /** Relative path or file name, e.g. {@code images/000001.png}. */
  String path();

  /** The encoded image bytes (a fresh copy). */
  byte[] bytes();

  /** An image stored in a file; {@link #bytes()} reads it. */
  record File(String path, Path file) implements SceneImage {
    public File {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(file, "file");
    }

    @Override
    public byte[] bytes() {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read image " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** An image held in memory. */
  record Bytes(String path, byte[] data) implements SceneImage {
    public Bytes {
      Objects.requireNonNull(path, "path");
      data = Objects.requireNonNull(data, "data").clone();
    }

    @Override
    public byte[] bytes() {
      return data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && b.path.equals(path) && java.util.Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
      return path.hashCode() * 31 + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Bytes[path=" + path + ", " + data.length + " bytes]";
    }
  }
}
