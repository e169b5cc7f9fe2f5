package spatialthinker.models;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint's {@code tokenizer.json} through DJL's Hugging Face tokenizers (native, offline),
 * and the Qwen2.5-VL chat template: a default system message when the first is not one, {@code
 * <|im_start|>role\n ... <|im_end|>\n} per message, each image as {@code
 * <|vision_start|><|image_pad|><|vision_end|>} with the pad repeated once per merged image token,
 * and {@code <|im_start|>assistant\n} to prompt the answer.
 */
public final class QwenTokenizer implements AutoCloseable {

  public static final String DEFAULT_SYSTEM = "You are a helpful assistant.";
  private static final String IMAGE_PAD = "<|image_pad|>";

  private final HuggingFaceTokenizer tokenizer;

  private QwenTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  public static QwenTokenizer open(Path dir) {
    Path file = dir.resolve("tokenizer.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(dir + ": no tokenizer.json");
    }
    try {
      return new QwenTokenizer(
          HuggingFaceTokenizer.newInstance(
              file,
              Map.of(
                  "addSpecialTokens", "false",
                  "truncation", "false",
                  "padding", "false",
                  "modelMaxLength", String.valueOf(Integer.MAX_VALUE))));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
    }
  }

  /** The chat template's text, with one {@code <|image_pad|>} per image. */
  public static String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      if (i == 0 && !m.role().equals("system")) {
        sb.append("<|im_start|>system\n").append(DEFAULT_SYSTEM).append("<|im_end|>\n");
      }
      sb.append("<|im_start|>").append(m.role()).append('\n');
      for (String p : m.parts()) {
        sb.append(
            p.equals(ChatMessage.IMAGE) ? "<|vision_start|>" + IMAGE_PAD + "<|vision_end|>" : p);
      }
      sb.append("<|im_end|>\n");
    }
    if (addGenerationPrompt) {
      sb.append("<|im_start|>assistant\n");
    }
    return sb.toString();
  }

  /**
   * Token ids of a rendered prompt; the i-th {@code <|image_pad|>} is repeated {@code
   * imageTokens[i]} times first.
   */
  public int[] encode(String prompt, int[] imageTokens) {
    String[] pieces = prompt.split(java.util.regex.Pattern.quote(IMAGE_PAD), -1);
    if (pieces.length - 1 != imageTokens.length) {
      throw new IllegalArgumentException(
          "prompt has "
              + (pieces.length - 1)
              + " image placeholders, "
              + imageTokens.length
              + " image(s) given");
    }
    StringBuilder sb = new StringBuilder(pieces[0]);
    for (int i = 0; i < imageTokens.length; i++) {
      sb.append(IMAGE_PAD.repeat(imageTokens[i])).append(pieces[i + 1]);
    }
    long[] ids = tokenizer.encode(sb.toString(), false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  public String decode(int[] ids, boolean skipSpecial) {
    long[] l = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      l[i] = ids[i];
    }
    return tokenizer.decode(l, skipSpecial);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
