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
    return toBuilder().vocabSize(v).build();
  }

  /** This configuration with another vision pre-training weight and blind flag. */
  public ModelConfig withVision(double aux, boolean blind) {
    return toBuilder().visionAux(aux).blindImages(blind).build();
  }

  /** Values per patch of the feature map the patch embedding reads (pixels, or stem channels). */
  public int embedDim() {
    if (stem == 0) {
      return patchDim();
    }
    int q = patchSize / 4;
    return q * q * 2 * stem;
  }

  /**
   * A builder that names every field; fields without a default must be set (vocabSize = 8;
   * visionAux = 0.0; blindImages = false; stem = 0; coordEmbed = false).
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.imageSize = imageSize;
    b.patchSize = patchSize;
    b.dModel = dModel;
    b.heads = heads;
    b.encoderLayers = encoderLayers;
    b.decoderLayers = decoderLayers;
    b.ffnMultiplier = ffnMultiplier;
    b.maxPositions = maxPositions;
    b.vocabSize = vocabSize;
    b.visionAux = visionAux;
    b.blindImages = blindImages;
    b.stem = stem;
    b.coordEmbed = coordEmbed;
    return b;
  }

  /** Named construction of a {@link ModelConfig}; {@link #build()} validates. */
  public static final class Builder {
    private Integer imageSize;
    private Integer patchSize;
    private Integer dModel;
    private Integer heads;
    private Integer encoderLayers;
    private Integer decoderLayers;
    private Integer ffnMultiplier;
    private Integer maxPositions;
    private Integer vocabSize = 8;
    private Double visionAux = 0.0;
    private Boolean blindImages = false;
    private Integer stem = 0;
    private Boolean coordEmbed = false;

    private Builder() {}

    public Builder imageSize(int v) {
      imageSize = v;
      return this;
    }

    public Builder patchSize(int v) {
      patchSize = v;
      return this;
    }

    public Builder dModel(int v) {
      dModel = v;
      return this;
    }

    public Builder heads(int v) {
      heads = v;
      return this;
    }

    public Builder encoderLayers(int v) {
      encoderLayers = v;
      return this;
    }

    public Builder decoderLayers(int v) {
      decoderLayers = v;
      return this;
    }

    public Builder ffnMultiplier(int v) {
      ffnMultiplier = v;
      return this;
    }

    public Builder maxPositions(int v) {
      maxPositions = v;
      return this;
    }

    public Builder vocabSize(int v) {
      vocabSize = v;
      return this;
    }

    public Builder visionAux(double v) {
      visionAux = v;
      return this;
    }

    public Builder blindImages(boolean v) {
      blindImages = v;
      return this;
    }

    public Builder stem(int v) {
      stem = v;
      return this;
    }

    public Builder coordEmbed(boolean v) {
      coordEmbed = v;
      return this;
    }

    /** The configuration; a field left unset is named in the error. */
    public ModelConfig build() {
      return new ModelConfig(
          req(imageSize, "imageSize"),
          req(patchSize, "patchSize"),
          req(dModel, "dModel"),
          req(heads, "heads"),
          req(encoderLayers, "encoderLayers"),
          req(decoderLayers, "decoderLayers"),
          req(ffnMultiplier, "ffnMultiplier"),
          req(maxPositions, "maxPositions"),
          req(vocabSize, "vocabSize"),
          req(visionAux, "visionAux"),
          req(blindImages, "blindImages"),
          req(stem, "stem"),
          req(coordEmbed, "coordEmbed"));
    }

    private static <T> T req(T v, String name) {
      if (v == null) {
        throw new IllegalStateException("ModelConfig." + name + " is not set");
      }
      return v;
    }
  }
}
