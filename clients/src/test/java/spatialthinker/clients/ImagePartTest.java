package spatialthinker.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImagePartTest {

  @Test
  void readsFormatAndSizeFromTheBytes() {
    ImagePart png = ImagePart.of(TestImages.png(64, 32, false, 1));
    assertThat(png.mediaType()).isEqualTo("image/png");
    assertThat(png.width()).isEqualTo(64);
    assertThat(png.height()).isEqualTo(32);
    ImagePart jpg = ImagePart.of(TestImages.jpeg(40, 50, 2));
    assertThat(jpg.mediaType()).isEqualTo("image/jpeg");
    assertThat(jpg.width()).isEqualTo(40);
    assertThat(jpg.height()).isEqualTo(50);
  }

  @Test
  void dataUrlCarriesTheMediaType() {
    ImagePart png = ImagePart.of(TestImages.png(4, 4, false, 1));
    assertThat(png.dataUrl()).startsWith("data:image/png;base64,iVBOR");
  }

  @Test
  void rejectsBytesThatAreNoImage() {
    assertThatThrownBy(() -> ImagePart.of("hello".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not PNG, JPEG");
  }

  @Test
  void copiesItsBytesAndComparesByContent() {
    byte[] bytes = TestImages.png(4, 4, false, 1);
    ImagePart a = ImagePart.of(bytes);
    bytes[20] ^= 1;
    assertThat(a).isEqualTo(ImagePart.of(TestImages.png(4, 4, false, 1)));
    assertThat(a.toString()).contains("4x4");
  }

  @Test
  void headerSizesAgreeWithImageIoForManySizes() throws Exception {
    for (int w = 1; w < 300; w += 37) {
      for (int h = 1; h < 200; h += 29) {
        for (byte[] bytes :
            new byte[][] {TestImages.png(w, h, false, w), TestImages.jpeg(w, h, h)}) {
          ImagePart p = ImagePart.of(bytes);
          java.awt.image.BufferedImage decoded =
              javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
          assertThat(p.width()).isEqualTo(decoded.getWidth());
          assertThat(p.height()).isEqualTo(decoded.getHeight());
        }
      }
    }
  }
}
