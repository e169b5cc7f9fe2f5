package spatialthinker.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Named float tensors owned by one manager: the policy's weights, or an optimiser's moments. Saved
 * in a small self-describing binary format (name, shape, little work to read from any language).
 */
public final class Parameters implements AutoCloseable {

  private static final int MAGIC = 0x53544A50; // "STJP"

  private final NDManager manager;
  private final Map<String, NDArray> arrays = new LinkedHashMap<>();

  /** An empty set owned by a new sub-manager of {@code parent}. */
  public Parameters(NDManager parent) {
    this.manager = parent.newSubManager();
  }

  /** The manager that owns the arrays; per-step work uses its sub-managers. */
  public NDManager manager() {
    return manager;
  }

  /** Adds a tensor of the given shape filled from {@code values}. */
  public NDArray put(String name, float[] values, long... shape) {
    NDArray a = manager.create(values, new Shape(shape));
    a.setName(name);
    if (arrays.put(name, a) != null) {
      throw new IllegalArgumentException("parameter '" + name + "' defined twice");
    }
    return a;
  }

  /** Adds a normal(0, std) tensor drawn from {@code rnd}. */
  public NDArray normal(String name, SplittableRandom rnd, double std, long... shape) {
    float[] v = new float[(int) new Shape(shape).size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rnd.nextGaussian() * std);
    }
    return put(name, v, shape);
  }

  /** Adds a constant tensor. */
  public NDArray constant(String name, float value, long... shape) {
    float[] v = new float[(int) new Shape(shape).size()];
    java.util.Arrays.fill(v, value);
    return put(name, v, shape);
  }

  /** The tensor of a name. */
  public NDArray get(String name) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'");
    }
    return a;
  }

  /** All tensors in definition order. */
  public Map<String, NDArray> all() {
    return Collections.unmodifiableMap(arrays);
  }

  /** Number of scalar values. */
  public long count() {
    return arrays.values().stream().mapToLong(a -> a.getShape().size()).sum();
  }

  /** Marks every tensor as trainable (gradients collected). */
  public void requireGradients() {
    arrays.values().forEach(a -> a.setRequiresGradient(true));
  }

  /** A deep copy owned by a new sub-manager of {@code parent}, without gradients. */
  public Parameters copy(NDManager parent) {
    Parameters p = new Parameters(parent);
    arrays.forEach((k, v) -> p.put(k, v.toFloatArray(), v.getShape().getShape()));
    return p;
  }

  /** Overwrites every tensor with the values of the same name in {@code other}. */
  public void copyFrom(Parameters other) {
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      NDArray src = other.get(e.getKey());
      if (!src.getShape().equals(e.getValue().getShape())) {
        throw new IllegalArgumentException("parameter '" + e.getKey() + "' shape differs");
      }
      e.getValue().set(src.toFloatArray());
    }
  }

  /** Writes all tensors to {@code file}. */
  public void save(Path file) {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(arrays.size());
      for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
        out.writeUTF(e.getKey());
        long[] shape = e.getValue().getShape().getShape();
        out.writeInt(shape.length);
        for (long d : shape) {
          out.writeLong(d);
        }
        for (float f : e.getValue().toFloatArray()) {
          out.writeFloat(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write parameters " + file, e);
    }
  }

  /** Reads tensors written by {@link #save} into a new set owned by {@code parent}. */
  public static Parameters load(Path file, NDManager parent) {
    Parameters p = new Parameters(parent);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException(file + ": not a parameter file");
      }
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        long[] shape = new long[in.readInt()];
        long size = 1;
        for (int k = 0; k < shape.length; k++) {
          shape[k] = in.readLong();
          size *= shape[k];
        }
        float[] v = new float[(int) size];
        for (int k = 0; k < v.length; k++) {
          v[k] = in.readFloat();
        }
        p.put(name, v, shape);
      }
    } catch (IOException e) {
      p.close();
      throw new UncheckedIOException("cannot read parameters " + file, e);
    }
    return p;
  }

  @Override
  public void close() {
    manager.close();
  }
}
