package spatialthinker.data;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit FNV-1a over UTF-8 bytes: the same text gives the same number on every run and JVM, unlike
 * {@link String#hashCode()} mixed with a per-process seed (the reference shuffle used Python's
 * salted {@code hash}, so its option order could not be reproduced).
 */
public final class StableHash {

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private StableHash() {}

  /** FNV-1a 64 of the UTF-8 bytes of {@code text}. */
  public static long of(String text) {
    long h = OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= PRIME;
    }
    return h;
  }

  /** FNV-1a 64 of the parts joined by a unit separator, so part boundaries count. */
  public static long of(String... parts) {
    return of(String.join("\u001f", parts));
  }

  /** {@link #of(String)} as 16 lower-case hex digits. */
  public static String hex(String text) {
    return String.format("%016x", of(text));
  }
}
