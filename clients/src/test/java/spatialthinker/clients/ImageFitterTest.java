package spatialthinker.clients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageFitterTest {

  @Test
  void leavesAnImageWithinTheLimitsAlone() {
    ImagePart img = ImagePart.of(TestImages.png(300, 200, false, 1));
    assertThat(ImageFitter.fit(img, ImageLimits.ANTHROPIC)).isSameAs(img);
  }

  @Test
  void scalesALargeImageToTheEdgeAndPixelLimits() {
    ImagePart img = ImagePart.of(TestImages.png(2400, 1600, false, 1));
    ImagePart fitted = ImageFitter.fit(img, ImageLimits.ANTHROPIC);
    assertThat(Math.max(fitted.width(), fitted.height())).isLessThanOrEqualTo(1568);
    assertThat((long) fitted.width() * fitted.height()).isLessThanOrEqualTo(1_150_000);
    assertThat((double) fitted.width() / fitted.height())
        .isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.01));
    assertThat(ImageLimits.ANTHROPIC.admits(fitted)).isTrue();
  }

  @Test
  void reencodesNoiseThatIsTooManyBytesAsJpeg() {
    ImagePart img = ImagePart.of(TestImages.png(600, 600, true, 3));
    ImageLimits tight = new ImageLimits(1568, 1_150_000, 200_000);
    assertThat(ImageLimits.base64Length(img.byteLength())).isGreaterThan(200_000);
    ImagePart fitted = ImageFitter.fit(img, tight);
    assertThat(fitted.mediaType()).isEqualTo("image/jpeg");
    assertThat(ImageLimits.base64Length(fitted.byteLength())).isLessThanOrEqualTo(200_000);
  }
}
