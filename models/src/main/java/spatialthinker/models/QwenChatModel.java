package spatialthinker.models;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import spatialthinker.clients.ChatModel;
import spatialthinker.clients.ChatRequest;
import spatialthinker.clients.ChatResponse;
import spatialthinker.clients.ContentPart;
import spatialthinker.clients.ImagePart;
import spatialthinker.clients.ModelInfo;
import spatialthinker.clients.ModelRequestException;
import spatialthinker.clients.TextPart;
import spatialthinker.clients.Usage;

/**
 * A Qwen2.5-VL checkpoint in this process as a {@link ChatModel}, so that evaluation, data
 * validation and a server reach it like any remote model. Requests run one at a time. Without a
 * temperature a request decodes greedily; {@code top_p} and {@code seed} are read from the extra
 * body. {@link #prepareImage} resizes an image to the size the vision tower sees ({@code
 * smart_resize}, with the same bicubic as the preprocessing, which then leaves it unchanged), so a
 * prompt that states the prepared image's size states what the model sees.
 */
public final class QwenChatModel implements ChatModel {

  private final QwenChat chat;
  private final String id;
  private final Path dir;

  public QwenChatModel(QwenChat chat, String id, Path dir) {
    this.chat = chat;
    this.id = id;
    this.dir = dir;
  }

  public static QwenChatModel load(Path dir, String id, int minPixels, int maxPixels) {
    return new QwenChatModel(QwenChat.load(dir, minPixels, maxPixels), id, dir);
  }

  public QwenChat chat() {
    return chat;
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo("spatialthinker-models", id, dir.toAbsolutePath().toUri().toString());
  }

  @Override
  public ImagePart prepareImage(ImagePart image) {
    BufferedImage img = decode(image);
    QwenImageProcessor p = chat.imageProcessor();
    int[] hw =
        QwenImageProcessor.smartResize(
            img.getHeight(), img.getWidth(), 14 * p.mergeSize(), p.minPixels(), p.maxPixels());
    if (hw[0] == img.getHeight() && hw[1] == img.getWidth()) {
      return image;
    }
    int[] rgb =
        PilResize.bicubic(
            QwenImageProcessor.rgb(img), img.getWidth(), img.getHeight(), hw[1], hw[0]);
    BufferedImage out = new BufferedImage(hw[1], hw[0], BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < hw[0]; y++) {
      for (int x = 0; x < hw[1]; x++) {
        int o = (y * hw[1] + x) * 3;
        out.setRGB(x, y, rgb[o] << 16 | rgb[o + 1] << 8 | rgb[o + 2]);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(out, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ImagePart(bytes.toByteArray(), "image/png", hw[1], hw[0]);
  }

  private static BufferedImage decode(ImagePart image) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(image.data()));
      if (img == null) {
        throw new ModelRequestException("cannot decode the " + image.mediaType() + " image");
      }
      return img;
    } catch (IOException e) {
      throw new ModelRequestException(
          "cannot decode the " + image.mediaType() + " image: " + e.getMessage());
    }
  }

  @Override
  public synchronized ChatResponse chat(ChatRequest request) {
    long start = System.nanoTime();
    List<ChatMessage> messages = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    for (spatialthinker.clients.ChatMessage m : request.messages()) {
      List<String> parts = new ArrayList<>();
      for (ContentPart p : m.content()) {
        if (p instanceof TextPart t) {
          parts.add(t.text());
        } else if (p instanceof ImagePart i) {
          parts.add(ChatMessage.IMAGE);
          images.add(decode(i));
        }
      }
      messages.add(new ChatMessage(m.role().wireName(), parts));
    }
    Map<String, Object> extra = request.extraBody();
    double topP = number(extra.get("top_p"), 1.0, "top_p");
    long seed = (long) number(extra.get("seed"), 0, "seed");
    double temperature = request.temperature().orElse(0);
    QwenChat.Options o;
    try {
      o = new QwenChat.Options(request.maxTokens(), temperature, topP, seed, Set.of());
    } catch (IllegalArgumentException e) {
      throw new ModelRequestException(e.getMessage());
    }
    QwenChat.Result r;
    try {
      r = chat.generate(messages, images, o);
    } catch (IllegalArgumentException e) {
      throw new ModelRequestException(e.getMessage());
    }
    if (r.text().isBlank()) {
      throw new ModelRequestException(
          "the model's answer is blank ("
              + r.tokens().length
              + " tokens, all special or whitespace)");
    }
    return new ChatResponse(
        r.text(),
        r.finishReason(),
        Optional.of(new Usage(r.promptTokens(), r.tokens().length)),
        Duration.ofNanos(System.nanoTime() - start),
        1);
  }

  private static double number(Object v, double dflt, String name) {
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof com.fasterxml.jackson.databind.JsonNode j && j.isNumber()) {
      return j.asDouble();
    }
    throw new ModelRequestException(name + " must be a number, got " + v);
  }

  @Override
  public void close() {
    chat.close();
  }
}
