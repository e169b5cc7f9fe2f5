package spatialthinker.models;

import java.util.List;

/**
 * One chat message: a role and its parts in order, each text or an image placeholder.
 *
 * @param parts text parts are strings; an image part is {@link #IMAGE}
 */
public record ChatMessage(String role, List<String> parts) {

  /** The part that stands for one image. */
  public static final String IMAGE = "\u0000image\u0000";

  public ChatMessage {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("chat message role must not be empty");
    }
    parts = List.copyOf(parts);
  }

  public static ChatMessage text(String role, String text) {
    return new ChatMessage(role, List.of(text));
  }

  public long images() {
    return parts.stream().filter(p -> p.equals(IMAGE)).count();
  }
}
