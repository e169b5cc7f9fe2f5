package spatialthinker.train.model;

/**
 * The shape of the policy network.
 *
 * @param imageSize the side the image is resized to, in pixels
 * @param patchSize the side of a square image patch; each patch becomes one visual token
 * @param dModel the width of every layer
 * @param heads attention heads (divides {@code dModel} into heads of even width)
 * @param encoderLayers vision encoder layers
 * @param decoderLayers causal decoder layers
 * @param ffnMultiplier feed-forward width as a multiple of {@code dModel}
 * @param maxPositions the longest sequence (visual + prompt + response tokens)
 * @param vocabSize the tokenizer's vocabulary size
 * @param visionAux weight of the vision pre-training loss in SFT ({@link VisionTargets}: each patch
 *     covered by a ground-truth object predicts that object's label bucket and box); 0 = none, and
 *     then the network has no auxiliary head
 * @param blindImages every image is replaced by a blank one (the blind control), in training,
 *     decoding and serving alike
 * @param stem 0: each patch is embedded by one linear map of its pixels; {@code C > 0}: a
 *     convolutional stem first (3×3 convolutions of stride 2 to {@code C}, then {@code 2C}
 *     channels, GELU after each) turns the image into a feature map at a quarter of its side, whose
 *     patches (a quarter of {@code patchSize} on a side) are embedded instead; {@code patchSize}
 *     must then be a multiple of 4
 * @param coordEmbed the embeddings of the integer tokens (pixel coordinates) start as smooth
 *     functions of their value (sines and cosines of several frequencies), so that neighbouring
 *     coordinates start close and the tied output layer ranks near values together
 */
public record ModelConfig(
    int imageSize,
    int patchSize,
    int dModel,
    int heads,
    int encoderLayers,
    int decoderLayers,
    int ffnMultiplier,
    int maxPositions,
    int vocabSize,
    double visionAux,
    boolean blindImages,
    int stem,
    boolean coordEmbed) {

  /** A sighted network without the vision pre-training head. */
  public ModelConfig(
      int imageSize,
      int patchSize,
      int dModel,
      int heads,
      int encoderLayers,
      int decoderLayers,
      int ffnMultiplier,
      int maxPositions,
      int vocabSize) {
    this(
        imageSize,
        patchSize,
        dModel,
        heads,
        encoderLayers,
        decoderLayers,
        ffnMultiplier,
        maxPositions,
        vocabSize,
        0.0,
        false,
        0,
        false);
  }

  public ModelConfig {
    if (!(visionAux >= 0) || !Double.isFinite(visionAux)) {
      throw new IllegalArgumentException("visionAux " + visionAux + " must be >= 0");
    }
    if (stem < 0 || (stem > 0 && patchSize % 4 != 0)) {
      throw new IllegalArgumentException(
          "stem "
              + stem
              + " must be >= 0, and with a stem patchSize "
              + patchSize
              + " must be a multiple of 4");
    }
    if (imageSize < 8 || patchSize < 1 || imageSize % patchSize != 0) {
      throw new IllegalArgumentException(
          "imageSize " + imageSize + " must be >= 8 and a multiple of patchSize " + patchSize);
    }
    if (dModel < 8 || heads < 1 || dModel % heads != 0) {
      throw new IllegalArgumentException(
          "dModel " + dModel + " must be >= 8 and a multiple of heads " + heads);
    }
    if ((dModel / heads) % 2 != 0) {
      throw new IllegalArgumentException(
          "the head width dModel / heads = " + dModel / heads + " must be even (rotary positions)");
    }
    if (encoderLayers < 0 || decoderLayers < 1 || ffnMultiplier < 1) {
      throw new IllegalArgumentException(
          "layers must be encoder >= 0, decoder >= 1, ffnMultiplier >= 1");
    }
    int visual = (imageSize / patchSize) * (imageSize / patchSize);
    if (maxPositions <= visual + 2 || vocabSize < 8) {
      throw new IllegalArgumentException(
          "maxPositions " + maxPositions + " must exceed the " + visual + " visual tokens");
    }
  }

  /** Visual tokens per image. */
  public int patches() {
    int side = imageSize / patchSize;
    return side * side;
  }

  /** Values per patch (RGB). */
  public int patchDim() {
    return patchSize * patchSize * 3;
  }

  /** Width of one attention head. */
  public int headDim() {
    return dModel / heads;
  }

  /** This configuration with another vocabulary size. */
  public ModelConfig withVocabSize(int v) {
    return new ModelConfig(
        imageSize,
        patchSize,
        dModel,
        heads,
        encoderLayers,
        decoderLayers,
        ffnMultiplier,
        maxPositions,
        v,
        visionAux,
        blindImages,
        stem,
        coordEmbed);
  }

  /** This configuration with another vision pre-training weight and blind flag. */
  public ModelConfig withVision(double aux, boolean blind) {
    return new ModelConfig(
        imageSize,
        patchSize,
        dModel,
        heads,
        encoderLayers,
        decoderLayers,
        ffnMultiplier,
        maxPositions,
        vocabSize,
        aux,
        blind,
        stem,
        coordEmbed);
  }

  /** Values per patch of the feature map the patch embedding reads (pixels, or stem channels). */
  public int embedDim() {
    if (stem == 0) {
      return patchDim();
    }
    int q = patchSize / 4;
    return q * q * 2 * stem;
  }
}
