package spatialthinker.train.serve;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Image sizes are read from the header before any pixel is decoded. */
class ImageBoundsTest {

  private static byte[] png(int w, int h) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  @Test
  void acceptsAnImageWithinTheBound() throws Exception {
    assertThatCode(() -> ImageBounds.check(png(64, 48), 4096, "img")).doesNotThrowAnyException();
  }

  @Test
  void refusesAnImageWiderThanTheBoundBeforeDecodingIt() throws Exception {
    assertThatThrownBy(() -> ImageBounds.check(png(300, 2), 256, "img"))
        .isInstanceOf(BadChatRequestException.class)
        .hasMessage("img: the image is 300x2; at most 256 pixels each way");
  }

  @Test
  void refusesBytesThatAreNoImage() {
    byte[] noise = new byte[64];
    Arrays.fill(noise, (byte) 7);
    assertThatThrownBy(() -> ImageBounds.check(noise, 4096, "img"))
        .isInstanceOf(BadChatRequestException.class)
        .hasMessage("img: not a PNG or JPEG image");
  }

  @Test
  void refusesATruncatedHeader() throws Exception {
    byte[] head = Arrays.copyOf(png(8, 8), 12);
    assertThatThrownBy(() -> ImageBounds.check(head, 4096, "img"))
        .isInstanceOf(BadChatRequestException.class)
        .hasMessageStartingWith("img: ");
  }
}
