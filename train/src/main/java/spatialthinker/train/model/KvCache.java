package spatialthinker.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys and values {@code [B, heads, L, headDim]} of every decoder layer for a batch being decoded.
 * The arrays live in the cache's own manager, so each decoding step can run in a short-lived
 * sub-manager; the superseded arrays are freed as the cache grows.
 */
public final class KvCache implements AutoCloseable {

  /** One layer's keys and values. */
  public final class Layer {
    private NDArray keys;
    private NDArray values;

    /** Appends new keys and values along the sequence axis; returns all keys. */
    NDArray append(NDArray k, NDArray v) {
      keys = grow(keys, k);
      values = grow(values, v);
      return keys;
    }

    NDArray values() {
      return values;
    }

    long length() {
      return keys == null ? 0 : keys.getShape().get(2);
    }
  }

  private final NDManager manager;
  private final List<Layer> layers = new ArrayList<>();

  /** An empty cache for {@code layers} decoder layers, owned by a sub-manager of {@code parent}. */
  public KvCache(int layers, NDManager parent) {
    this.manager = parent.newSubManager();
    for (int i = 0; i < layers; i++) {
      this.layers.add(new Layer());
    }
  }

  private NDArray grow(NDArray old, NDArray add) {
    if (old == null) {
      add.attach(manager);
      return add;
    }
    NDArray grown = old.concat(add, 2);
    grown.attach(manager);
    old.close();
    return grown;
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
