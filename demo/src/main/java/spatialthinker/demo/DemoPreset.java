package spatialthinker.demo;

import java.util.Locale;
import spatialthinker.train.Preset;

/**
 * The demo's sizes. Chosen so that on 2 CPU cores {@code tiny} finishes in about 3 minutes and
 * {@code small} in about 15 (see {@code docs/benchmarks.md}); the scene and row counts are cheap,
 * the training steps and evaluation items are what cost.
 */
public enum DemoPreset {
  /** A smoke run: the whole loop, the policy barely past the format. */
  TINY(new DemoPlan(180, 256, 1000, 0.1, 400, 24, 100, Preset.TINY)),
  /** The default: enough training for the policy to answer above chance on some categories. */
  SMALL(new DemoPlan(560, 256, 3000, 0.1, 900, 30, 300, Preset.SMALL));

  private final DemoPlan plan;

  DemoPreset(DemoPlan plan) {
    this.plan = plan;
  }

  /** The sizes of this preset. */
  public DemoPlan plan() {
    return plan;
  }

  /** Lower-case name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The preset of a name ({@code tiny}, {@code small}). */
  public static DemoPreset of(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--preset '" + name + "' is not one of: tiny, small", e);
    }
  }
}
