package spatialthinker.train.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's autograd switch, which is per thread: inference threads (decoding, the policy server)
 * turn it off so that no graph is recorded for parameters that require gradients.
 */
public final class GradMode {

  private GradMode() {}

  /** Stops recording autograd graphs on the calling thread. */
  public static void off() {
    JniUtils.setGradMode(false);
  }
}
