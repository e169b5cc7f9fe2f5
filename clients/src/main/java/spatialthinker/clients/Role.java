package spatialthinker.clients;

import java.util.Locale;

/** Who speaks a chat message. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT;

  /** The lower-case name both wire formats use. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
