package spatialthinker.core.parse;

/**
 * Guards against reward hacking and denial of service. A response longer than {@code
 * maxResponseChars}, or whose scene has more than {@code maxObjects} objects, more than {@code
 * maxRelationships} relations or JSON nested deeper than {@code maxJsonDepth}, fails format (scores
 * 0). A ground truth beyond the same caps is a malformed record. Together they bound the work per
 * record: the matching is O(n³) in at most {@code maxObjects}.
 */
public record ParseLimits(
    int maxResponseChars, int maxObjects, int maxRelationships, int maxJsonDepth) {

  /** 65,536 characters, 128 objects, 256 relations, depth 32. */
  public static final ParseLimits DEFAULT = new ParseLimits(65_536, 128, 256, 32);

  public ParseLimits {
    if (maxResponseChars < 1 || maxObjects < 1 || maxRelationships < 0 || maxJsonDepth < 4) {
      throw new IllegalArgumentException(
          "parse limits must be positive and allow JSON depth >= 4 (object, list, object, bbox)");
    }
  }
}
