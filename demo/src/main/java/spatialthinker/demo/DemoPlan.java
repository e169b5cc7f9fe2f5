package spatialthinker.demo;

import java.util.Objects;
import spatialthinker.train.Preset;

/**
 * The sizes of a demo run: how many scenes, rows, training steps and evaluation items, and the
 * model preset. A preset names one; tests make smaller ones.
 *
 * @param scenes scenes to render
 * @param imageSize rendered image side in pixels
 * @param rows QA rows to synthesise (train and val)
 * @param valSplit share of rows held out for validation and evaluation, split by image
 * @param sftSteps SFT optimiser steps (early stopping may end it sooner)
 * @param grpoSteps GRPO rollout steps per arm
 * @param evalItems most val items evaluated per arm
 * @param model the model and training preset
 */
public record DemoPlan(
    int scenes,
    int imageSize,
    int rows,
    double valSplit,
    int sftSteps,
    int grpoSteps,
    int evalItems,
    Preset model) {

  public DemoPlan {
    Objects.requireNonNull(model, "model");
    if (scenes < 1 || rows < 1 || sftSteps < 1 || grpoSteps < 1 || evalItems < 1) {
      throw new IllegalArgumentException(
          "demo plan needs scenes, rows, sftSteps, grpoSteps and evalItems >= 1, got " + this);
    }
    if (imageSize < 32) {
      throw new IllegalArgumentException("demo plan imageSize must be >= 32, got " + imageSize);
    }
    if (!(valSplit > 0 && valSplit < 1)) {
      throw new IllegalArgumentException("demo plan valSplit must be in (0, 1), got " + valSplit);
    }
  }
}
