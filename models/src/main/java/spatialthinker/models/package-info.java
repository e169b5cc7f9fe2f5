/**
 * Hugging Face Qwen2.5-VL checkpoints (the released SpatialThinker-3B and -7B) on DJL: the
 * checkpoint directory, image preprocessing, the vision tower, the Qwen2 decoder and generation.
 */
package spatialthinker.models;
