package spatialthinker.core.parse;

import java.util.Objects;
import java.util.Optional;

/**
 * What a response holds for one tag.
 *
 * @param tag the tag
 * @param openCount how many times the opening tag occurs
 * @param content the text between the first opening tag that has a closing tag after it and that
 *     closing tag, unstripped (the non-greedy match {@code <tag>(.*?)</tag>}); empty when there is
 *     no such pair
 */
public record TagContent(Tag tag, int openCount, Optional<String> content) {

  public TagContent {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(content, "content");
    if (openCount < 0) {
      throw new IllegalArgumentException("openCount must be >= 0");
    }
  }

  /** Finds the tag in a text. */
  public static TagContent find(Tag tag, String text) {
    int count = 0;
    int first = -1;
    for (int i = text.indexOf(tag.open()); i >= 0; i = text.indexOf(tag.open(), i + 1)) {
      if (first < 0) {
        first = i;
      }
      count++;
    }
    Optional<String> content = Optional.empty();
    if (first >= 0) {
      int from = first + tag.open().length();
      int close = text.indexOf(tag.close(), from);
      if (close >= 0) {
        content = Optional.of(text.substring(from, close));
      }
    }
    return new TagContent(tag, count, content);
  }

  /** True when the tag occurs exactly once with a closing tag after it. */
  public boolean isSingle() {
    return openCount == 1 && content.isPresent();
  }
}
