package spatialthinker.train.serve;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import spatialthinker.train.model.GradMode;
import spatialthinker.train.model.ImagePatches;
import spatialthinker.train.model.Policy;
import spatialthinker.train.model.Sampling;

/** The project's small policy as a {@link Generator}: it needs one image per request. */
final class PolicyGenerator implements Generator {

  /** The widest and tallest image decoded (larger ones would cost memory before any check). */
  static final int MAX_SIDE = 4096;

  private final Policy policy;

  PolicyGenerator(Policy policy) {
    this.policy = policy;
  }

  @Override
  public Generation generate(ChatRequest req, int maxTokens) {
    if (req.topP() != 1) {
      throw new BadChatRequestException(
          "top_p: only 1 is supported by this policy (it samples the whole distribution), got "
              + req.topP());
    }
    byte[] image =
        req.image()
            .orElseThrow(
                () ->
                    new BadChatRequestException(
                        "messages: the last user message has no image_url part; the policy needs"
                            + " an image (data URL)"));
    ImageBounds.check(image, MAX_SIDE, "image_url.url");
    float[] patches;
    try {
      patches = ImagePatches.of(ImagePatches.decode(image, "image"), policy.config());
    } catch (IllegalArgumentException e) {
      throw new BadChatRequestException(
          "image_url.url: the image cannot be decoded as PNG or JPEG");
    }
    GradMode.off();
    int[] prompt = policy.promptTokens(req.text());
    Sampling s = new Sampling(req.temperature(), maxTokens);
    int[] gen;
    try (NDManager m = policy.parameters().manager().newSubManager()) {
      gen =
          policy
              .decoder()
              .generate(m, List.of(patches), List.of(prompt), s, new SplittableRandom(req.seed()))
              .get(0);
    }
    boolean stopped = gen.length > 0 && gen[gen.length - 1] == policy.tokenizer().eosId();
    return new Generation(
        policy.text(gen), prompt.length + policy.config().patches(), gen.length, stopped);
  }
}
