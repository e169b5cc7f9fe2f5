package spatialthinker.clients;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role who speaks it
 * @param content its parts, in order (images and text may interleave)
 */
public record ChatMessage(Role role, List<ContentPart> content) {

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    content = List.copyOf(Objects.requireNonNull(content, "content"));
    if (content.isEmpty()) {
      throw new IllegalArgumentException("a chat message needs at least one content part");
    }
  }

  /** A user message of the given parts. */
  public static ChatMessage user(List<ContentPart> parts) {
    return new ChatMessage(Role.USER, parts);
  }

  /** A message of one text part. */
  public static ChatMessage text(Role role, String text) {
    return new ChatMessage(role, List.of(new TextPart(text)));
  }

  /** The images of this message, in order. */
  public List<ImagePart> images() {
    return content.stream().filter(ImagePart.class::isInstance).map(ImagePart.class::cast).toList();
  }

  /** The text parts joined by newlines. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (ContentPart p : content) {
      if (p instanceof TextPart t) {
        if (!b.isEmpty()) {
          b.append('\n');
        }
        b.append(t.text());
      }
    }
    return b.toString();
  }
}
