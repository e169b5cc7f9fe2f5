package spatialthinker.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys and values {@code [B, heads, L, headDim]} of every decoder layer for a batch being decoded,
 * in buffers allocated once for the whole decode and filled in place. Growing the cache by
 * concatenation instead allocates a larger block every token, which the native allocator cannot
 * reuse and which fragments the heap (gigabytes for one long decode).
 */
public final class KvCache implements AutoCloseable {

  /** One layer's keys and values. */
  public final class Layer {
    private NDArray keys;
    private NDArray values;
    private long length;

    /**
     * Writes new keys and values {@code [B, heads, n, headDim]} after the cached ones; returns all
     * keys so far (a view).
     */
    NDArray append(NDArray k, NDArray v) {
      if (keys == null) {
        long[] s = k.getShape().getShape();
        Shape full = new Shape(s[0], s[1], capacity, s[3]);
        keys = manager.zeros(full, k.getDataType());
        values = manager.zeros(full, v.getDataType());
      }
      long n = k.getShape().get(2);
      if (length + n > capacity) {
        throw new IllegalStateException(
            "KV cache of " + capacity + " positions cannot take " + (length + n));
      }
      NDIndex at = new NDIndex(":, :, {}:{}", length, length + n);
      keys.set(at, k);
      values.set(at, v);
      length += n;
      return keys.get(new NDIndex(":, :, 0:{}", length));
    }

    /** All values so far (a view). */
    NDArray values() {
      return values.get(new NDIndex(":, :, 0:{}", length));
    }

    long length() {
      return length;
    }
  }

  private final NDManager manager;
  private final long capacity;
  private final List<Layer> layers = new ArrayList<>();

  /**
   * An empty cache for {@code layers} decoder layers and at most {@code capacity} positions, owned
   * by a sub-manager of {@code parent}.
   */
  public KvCache(int layers, long capacity, NDManager parent) {
    this.manager = parent.newSubManager();
    this.capacity = capacity;
    for (int i = 0; i < layers; i++) {
      this.layers.add(new Layer());
    }
  }

  Layer layer(int i) {
    return layers.get(i);
  }

  /** Cached sequence length. */
  public long length() {
    return layers.get(0).length();
  }

  @Override
  public void close() {
    manager.close();
  }
}
