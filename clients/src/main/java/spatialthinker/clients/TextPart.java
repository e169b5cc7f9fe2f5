package spatialthinker.clients;

import java.util.Objects;

/** A text part of a message. */
public record TextPart(String text) implements ContentPart {

  public TextPart {
    Objects.requireNonNull(text, "text");
  }
}
